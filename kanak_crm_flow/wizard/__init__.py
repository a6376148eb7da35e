from . import crm_lead_qualify
from . import crm_lead_to_opportunity
