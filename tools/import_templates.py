"""Write the initiatives import templates offered in the import dialog
(kanak_crm_flow/static/xls/): Excel and CSV, English and Spanish headers, two
example rows from the users' stories (the Frankfurt card, the painter).

The headers map by themselves through kanak_crm_flow/data/base_import_mapping_data.xml,
whatever the user's language: keep both files in step.
Usage: python tools/import_templates.py (make import-templates)."""

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent.parent / "kanak_crm_flow" / "static" / "xls"

# field: (English header, Spanish header)
HEADERS = {
    "name": ("Initiative", "Iniciativa"),
    "contact_name": ("Contact", "Contacto"),
    "email_from": ("Email", "Correo electrónico"),
    "phone": ("Phone", "Teléfono"),
    "partner_name": ("Company", "Empresa"),
    "country_id": ("Country", "País"),
    "team_id": ("Sales Team", "Equipo de ventas"),
    "tag_ids": ("Tags", "Etiquetas"),
    "priority": ("Priority", "Prioridad"),
    "description": ("Notes", "Notas"),
}

ROWS = {
    "en": [
        [
            "Frankfurt fair: business card of Klaus Becker",
            "Klaus Becker",
            "k.becker@becker-anlagenbau.example.de",
            "+49 69 1234 5678",
            "Becker Anlagenbau GmbH",
            "Germany",
            "Europe",
            "Trade fair,Business card,Interest: Industrial paints",
            "Very High",
            "Asked precise questions about the industrial paints range.",
        ],
        [
            "Looking for a painter for my flat",
            "Marta Gil",
            "marta.gil@example.es",
            "+34 600 123 456",
            "",
            "Spain",
            "Europe",
            "Website form",
            "Low",
            "Wants someone to paint her flat: we sell paint, not painting.",
        ],
    ],
    "es": [
        [
            "Feria de Fráncfort: tarjeta de Klaus Becker",
            "Klaus Becker",
            "k.becker@becker-anlagenbau.example.de",
            "+49 69 1234 5678",
            "Becker Anlagenbau GmbH",
            "Alemania",
            "Europa",
            "Feria comercial,Tarjeta de visita,Interés: pinturas industriales",
            "Muy alta",
            "Hizo preguntas muy precisas sobre la gama de pinturas industriales.",
        ],
        [
            "Busca un pintor para su piso",
            "Marta Gil",
            "marta.gil@example.es",
            "+34 600 123 456",
            "",
            "España",
            "Europa",
            "Formulario web",
            "Baja",
            "Quiere que le pinten el piso: vendemos pintura, no pintamos.",
        ],
    ],
}

FILES = {"en": "kanak_initiatives", "es": "kanak_iniciativas"}


def write(lang):
    column = 0 if lang == "en" else 1
    headers = [pair[column] for pair in HEADERS.values()]
    rows = ROWS[lang]
    with open(OUT / f"{FILES[lang]}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = "Iniciativas" if lang == "es" else "Initiatives"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for letter, width in zip("ABCDEFGHIJ", (44, 16, 38, 18, 24, 12, 16, 50, 10, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(OUT / f"{FILES[lang]}.xlsx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in FILES:
        write(lang)
    print(f"written: {', '.join(sorted(p.name for p in OUT.iterdir()))}")
