from . import (
    test_disqualify,
    test_install,
    test_qualification,
    test_seed_data,
    test_stage_invariant,
)
