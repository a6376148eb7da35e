from . import crm_lead_qualify, crm_lead_to_opportunity
