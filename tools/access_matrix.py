"""The access matrix: one source (kanak_crm_flow/tests/access_matrix.csv) for the
README's table and for the generated tests (tests/test_access_matrix.py).

    access_matrix.py --check   exit 1 when README.md's table differs from the source
    access_matrix.py --write   rewrite README.md's table from the source
"""

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "kanak_crm_flow" / "tests" / "access_matrix.csv"
README = REPO / "README.md"
BEGIN, END = "<!-- access-matrix:begin -->", "<!-- access-matrix:end -->"
PERSONAS = {
    "own": "Own docs",
    "all": "All docs",
    "manager": "Administrator",
    "portal": "Portal",
    "public": "Public",
    "internal": "Internal, no Sales",
    "company_2": "Company B user",
}
SIGNS = {"yes": "yes", "no": "—", "own": "own"}


def render():
    with SOURCE.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = [
        "| What | Operation | " + " | ".join(PERSONAS.values()) + " | Note |",
        "|---|---|" + "---|" * len(PERSONAS) + "---|",
    ]
    for row in rows:
        cells = " | ".join(SIGNS[row[persona]] for persona in PERSONAS)
        lines.append(f"| {row['subject']} | {row['operation']} | {cells} | {row['note']} |")
    return "\n".join(lines)


def main():
    text = README.read_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    table = "\n" + render() + "\n"
    if sys.argv[1:] == ["--write"]:
        README.write_text(text[:start] + table + text[end:])
        return 0
    if text[start:end] != table:
        print("    README.md's access table differs from tests/access_matrix.csv:")
        print("    run tools/access_matrix.py --write")
        return 1
    print("    ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
