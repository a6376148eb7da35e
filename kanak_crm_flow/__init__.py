from . import models
from . import report
from . import tools
from . import wizard
from .hooks import post_init_hook
from .hooks import pre_init_hook
from .hooks import uninstall_hook
