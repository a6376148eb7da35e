"""Importing a bought list of initiatives from a CSV file, through base_import as the
import dialog does it (batches of 2,000 rows). The same file on both sides: stock
creates every row; the project also screens each chunk for duplicates (open
records and earlier rows), links known contacts and tags the rows. A tenth of the
rows repeat an earlier row, and a tenth carry the email of a seeded customer."""

import csv
import io

from bench.seed import TEAMS

COLUMNS = [
    "name",
    "contact_name",
    "email_from",
    "phone",
    "partner_name",
    "team_id",
    "priority",
    "type",
]
HEADERS = ["Initiative", "Contact", "Email", "Phone", "Company", "Sales Team", "Priority", "Type"]


def bought_list(total):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for index in range(total):
        if index % 10 == 9:
            email = f"bought.{index - 9}@example.com"  # repeats an earlier row
        elif index % 10 == 5:
            email = f"customer.{index % 200:03d}@example.com"  # a seeded customer
        else:
            email = f"bought.{index}@example.com"
        writer.writerow(
            [
                f"Bought list {index}",
                f"Contact {index}",
                email,
                f"+34 600 {index:06d}",
                f"Company {index % 500}",
                TEAMS[index % len(TEAMS)],
                "Medium",
                "Lead",
            ]
        )
    return out.getvalue().encode()


class ImportInitiatives:
    name = "import 10,000 initiatives from CSV"
    goal = 1.3

    def __init__(self, total=10000, batch=2000):
        self.total, self.batch = total, batch

    def prepare(self, env):
        wizard = env["base_import.import"].create(
            {
                "res_model": "crm.lead",
                "file": bought_list(self.total),
                "file_name": "bought_list.csv",
                "file_type": "text/csv",
            }
        )
        return {"wizard": wizard}

    def run(self, env, state):
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "encoding": "utf-8",
            "date_format": "",
            "datetime_format": "",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "name_create_enabled_fields": {},
            "import_set_empty_fields": [],
            "import_skip_records": [],
            "fallback_values": {},
        }
        skip = 0
        while True:
            result = state["wizard"].execute_import(
                COLUMNS,
                [header.lower() for header in HEADERS],
                dict(options, skip=skip, limit=self.batch),
            )
            errors = [message for message in result["messages"] if message["type"] == "error"]
            if errors:
                raise RuntimeError(f"the import failed: {errors[:3]}")
            if not result["nextrow"]:
                break
            skip = result["nextrow"]


SCENARIOS = [ImportInitiatives()]
