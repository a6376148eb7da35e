from . import kanak_crm_flow_report
