from . import crm_lead
from . import crm_stage
from . import crm_team
from . import sale_order
