from . import crm_lead
from . import crm_lost_reason
from . import crm_stage
from . import crm_team
from . import crm_team_member
from . import mail_alias
from . import mail_thread
from . import res_users
