"""bench/results.md, shared by the scripts that write it: each owns one section
between markers and reads back only its own rows."""

from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")
TITLE = (
    "# Benchmark results\n\n"
    "Written by `make bench` (bench/run.py) and `make load` (bench/load.py); do not edit\n"
    "by hand. Each section belongs to the script that writes it.\n"
)


def _markers(name):
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def read_section(name, path=RESULTS):
    """The text of a section, or '' when the file or the section is missing."""
    begin, end = _markers(name)
    text = path.read_text() if path.exists() else ""
    if begin not in text or end not in text:
        return ""
    return text[text.index(begin) + len(begin) : text.index(end)]


def table_rows(section_text):
    """{first cell: line} of the table rows of a section (no header, no rule)."""
    rows = {}
    for line in section_text.splitlines():
        if not line.startswith("| ") or line.startswith("|---"):
            continue
        first = line.split("|")[1].strip()
        if first in ("scenario", "call"):
            continue
        rows[first] = line
    return rows


def write_section(name, body, path=RESULTS):
    """Replace the section's text, or add the section at the end."""
    begin, end = _markers(name)
    text = path.read_text() if path.exists() else TITLE
    block = f"{begin}\n{body.strip()}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)
