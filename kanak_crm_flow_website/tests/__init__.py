from . import test_tour
from . import test_website_form
