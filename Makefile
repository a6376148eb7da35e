# Kanak CRM Flow workspace. 'make run' and 'make test' are all a newcomer needs;
# both bootstrap what is missing first (tools/setup.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup run test test-one test-stock lint pot screenshots dist bench load shell clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

setup: ## Install Odoo 19, the venv, the PostgreSQL role and Chromium (idempotent)
	@tools/setup.sh

run: setup ## Serve Odoo with the addon and demo data at http://localhost:8069
	@tools/run.sh

test: setup ## Lint, then the whole suite on a throwaway database
	@tools/test.sh

test-one: setup ## Run one test class or method: make test-one T=TestInstall
	@tools/test-one.sh "$(T)"

test-stock: setup ## Odoo's own crm, sales_team and sale_crm tests with the project's addons installed
	@tools/test-stock.sh

lint: setup ## ruff and XML checks
	@tools/lint.sh

pot: setup ## Regenerate each addon's .pot (Odoo's export) and merge the .po files onto it
	@tools/pot.sh

screenshots: setup ## PNGs of the screens on the demo database, by headless Chromium (docs/screenshots/)
	@tools/screenshots.sh

dist: setup ## One wheel per addon (odoo-addon-<name>, built with whool) into dist/
	@tools/dist.sh

bench: setup ## Benchmarks against stock CRM; writes bench/results.md
	@tools/bench.sh

load: setup ## Two prefork servers, a PostgreSQL primary and replica; personas over HTTP (KANAK_LOAD_TOPOLOGY=0: one server)
	@tools/load.sh

shell: setup ## Odoo shell on the demo database
	@tools/odoo shell -d $${KANAK_DEMO_DB:-kanak_demo}

clean: ## Drop the workspace's databases and local state (keeps the download cache)
	@tools/clean.sh
