"""Run the at_install tests of some modules in the full registry of a database.

Odoo runs a module's at_install tests while that module loads, before the
modules that depend on it: stock crm's tests would never see this project's
overrides. This runs them again with every installed module loaded.

Usage: run_at_install_tests.py CONFIG DATABASE MODULE[,MODULE...] [TEST_TAGS]
Prints Odoo's usual result line and exits non-zero on a failure.
"""

import sys
import threading

import odoo
import odoo.init  # Odoo's own start-up: library patches, odoo.SUPERUSER_ID
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tests import loader
from odoo.tests.result import OdooTestResult
from odoo.tools import config


def main():
    conf, dbname, modules = sys.argv[1:4]
    tags = sys.argv[4] if len(sys.argv) > 4 else ",".join(f"/{m}" for m in modules.split(","))
    config.parse_config(["-c", conf, "-d", dbname, "--test-enable", f"--test-tags={tags}"])
    server.load_server_wide_modules()
    threading.current_thread().dbname = dbname
    registry = Registry(dbname)
    odoo.modules.module.current_test = True
    report = OdooTestResult()
    suite = loader.make_suite(modules.split(","), "at_install")
    with registry.cursor() as cr:
        registry.check_null_constraints(cr)
    report.update(loader.run_suite(suite, global_report=report))
    log = (
        odoo.tests.result._logger.error
        if not report.wasSuccessful()
        else odoo.tests.result._logger.info
    )
    log("%s when loading database %r", report, dbname)
    sys.exit(0 if report.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
