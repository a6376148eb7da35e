# Copyright 2026 Kanak CRM Flow contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Stock's Proposition stage (or the one Kanak CRM Flow re-created) becomes the
    stage a sent quotation moves its opportunity to."""
    for xmlid in ("crm.stage_lead3", "kanak_crm_flow.default_stage_lead3"):
        stage = env.ref(xmlid, raise_if_not_found=False)
        if stage:
            stage.is_proposition = True
            return
