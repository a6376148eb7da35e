from . import test_disqualify
from . import test_install
from . import test_mail_gateway
from . import test_performance
from . import test_qualification
from . import test_seed_data
from . import test_stage_invariant
from . import test_tour
