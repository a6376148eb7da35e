"""Bring each addon's i18n/*.po onto its freshly exported .pot, or check that they
match (--check, run by make lint): every term of the template translated, no
term the template lacks, no duplicate; or (--stale DIR) that each committed .pot
holds the same terms as a fresh export of the code in DIR.

Usage: i18n_merge.py [--check | --stale DIR] ADDON [ADDON ...]
"""

import argparse
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
LANGUAGE = "es"


def key(entry):
    return (entry.msgctxt, entry.msgid)


def merge(pot, po):
    """The .po rebuilt on the template: its header and translations, the template's
    terms, references and comments."""
    translations = {key(entry): entry for entry in po if not entry.obsolete}
    merged = polib.POFile(wrapwidth=78)
    merged.metadata = po.metadata or pot.metadata
    merged.header = po.header or pot.header
    for entry in pot:
        old = translations.get(key(entry))
        merged.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgstr=old.msgstr if old else "",
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=old.tcomment if old else "",
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return merged


def problems(pot, po):
    found = []
    seen = set()
    template = {key(entry) for entry in pot}
    for entry in po:
        if entry.obsolete:
            continue
        if key(entry) in seen:
            found.append(f"duplicate term: {entry.msgid[:60]!r}")
        seen.add(key(entry))
        if key(entry) not in template:
            found.append(f"term not in the template (run make pot): {entry.msgid[:60]!r}")
        elif not entry.msgstr.strip():
            found.append(f"untranslated: {entry.msgid[:60]!r}")
    for missing in template - seen:
        found.append(f"missing from the .po (run make pot): {missing[1][:60]!r}")
    return found


def stale(fresh_dir, addons):
    """1 when a committed .pot differs in its terms from a fresh export of the code."""
    failed = False
    for addon in addons:
        committed_path = REPO / addon / "i18n" / f"{addon}.pot"
        committed = (
            {key(entry) for entry in polib.pofile(str(committed_path))}
            if committed_path.exists()
            else set()
        )
        fresh = {key(entry) for entry in polib.pofile(str(fresh_dir / f"{addon}.pot"))}
        for _context, msgid in sorted(fresh - committed, key=str):
            print(f"    {addon}: new in the code, not in the .pot: {msgid[:60]!r}")
        for _context, msgid in sorted(committed - fresh, key=str):
            print(f"    {addon}: in the .pot, gone from the code: {msgid[:60]!r}")
        if fresh != committed:
            failed = True
        else:
            print(f"    {addon}: the .pot matches the code ({len(fresh)} terms)")
    if failed:
        print("    run make pot, then translate the new terms")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--stale", metavar="DIR", help="fresh exports to compare the .pot with")
    parser.add_argument("addons", nargs="+")
    args = parser.parse_args()
    if args.stale:
        return stale(Path(args.stale), args.addons)
    failed = False
    for addon in args.addons:
        i18n = REPO / addon / "i18n"
        pot_path = i18n / f"{addon}.pot"
        if not pot_path.exists():
            print(f"    {addon}: no i18n/{addon}.pot (run make pot)")
            failed = True
            continue
        pot = polib.pofile(str(pot_path))
        po_paths = sorted(i18n.glob("*.po"))
        if not args.check and not po_paths:
            po_paths = [i18n / f"{LANGUAGE}.po"]  # every addon speaks Spanish
        elif args.check and not po_paths:
            print(f"    {addon}: no i18n/{LANGUAGE}.po (run make pot, then translate)")
            failed = True
        for po_path in po_paths:
            po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
            if not po_path.exists():
                po.metadata = {**pot.metadata, "Language": LANGUAGE}
            if args.check:
                found = problems(pot, po)
                for problem in found:
                    print(f"    {po_path.relative_to(REPO)}: {problem}")
                failed |= bool(found)
                if not found:
                    print(f"    {po_path.relative_to(REPO)}: {len(pot)} terms, all translated")
                continue
            merged = merge(pot, po)
            merged.save(str(po_path))
            untranslated = sum(1 for entry in merged if not entry.msgstr)
            print(
                f"    {po_path.relative_to(REPO)}: {len(merged)} terms, {untranslated} to translate"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
