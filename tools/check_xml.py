"""Every XML file given (by default, every one of the repository outside hidden
folders) parses: make lint and the pre-commit hook run this same check.

Usage: check_xml.py [FILE ...]
"""

import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent


def main(paths):
    files = [Path(path) for path in paths] or [
        path
        for path in REPO.rglob("*.xml")
        if not any(part.startswith(".") for part in path.relative_to(REPO).parts)
    ]
    bad = 0
    for path in files:
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            bad += 1
            print(f"    {path}: {exc}")
    print(f"    {len(files)} files, {bad} malformed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
