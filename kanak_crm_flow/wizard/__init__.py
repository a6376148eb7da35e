from . import base_import
from . import crm_lead_qualify
from . import crm_lead_rebalance
from . import crm_lead_to_opportunity
