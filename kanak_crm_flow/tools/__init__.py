# Helpers with no model of their own, as mail/tools/: working-hours arithmetic and
# the screening of imported rows.
from . import lead_import
from . import working_hours
