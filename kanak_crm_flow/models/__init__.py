from . import crm_lead, crm_lost_reason, crm_stage, crm_team
