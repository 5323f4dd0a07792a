"""`regie importeer` reads PDF, Word and web pages (made here, in the test), picks the reader by
content, finds the social-domain programme of a whole budget, and never deletes what it did not write."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

RESULTS = """
<h1>Programma 1 Veiligheid</h1>
<p>Het college zorgt voor een veilig dorp en houdt toezicht op de openbare ruimte.</p>
<h1>Programma 6 Zorg en welzijn</h1>
<h2>Wat willen we bereiken?</h2>
<ol><li>Een sterke sociale basis in elke wijk.</li></ol>
<h2>Wat gaan we daarvoor doen?</h2>
<h3>Belangrijkste resultaten 2026</h3>
<p>3.1 Vastgestelde nota mantelzorg met een uitgewerkt aanbod voor jonge mantelzorgers in alle wijken van de gemeente</p>
<p>3.2 Geopende inloop voor jongeren</p>
<p>3.3 Nieuwe subsidieregeling welzijn</p>
<p>3.1 Vastgestelde nota mantelzorg met een uitgewerkt aanbod voor jonge mantelzorgers in alle wijken van de gemeente</p>
<p>De nota gaat in het voorjaar van 2026 naar de raad.</p>
<p>3.2 Geopende inloop voor jongeren</p>
<p>Het jongerenwerk opent de inloop in de buurt van het station.</p>
<h2>Verbonden partijen</h2>
<p>4.1 Gemeenschappelijke regeling GGD regio</p>
<h1>Programma 7 Financiën</h1>
<p>De algemene uitkering stijgt licht.</p>
"""


def _activities(directory: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    out = {}
    for path in directory.glob("programma-*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.update({a["titel"]: a | {"_programma": data["programma"]} for a in data["activiteiten"]})
    return out


def _import(regie, source: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(out),
                 "--documentdatum", "2025-10-01", *extra)


def test_a_saved_budget_page_gives_the_social_programme_with_its_numbered_results(tmp_path, regie, db) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting.bin"   # the name says nothing: the content decides
    source.write_text(f"<!DOCTYPE html><html><head><script>var x = 1;</script></head><body>{RESULTS}</body></html>",
                      encoding="utf-8")
    out = tmp_path / "out"
    outcome = _import(regie, source, out, "--verslag")
    assert outcome.code == 0, outcome
    assert "webpagina (HTML" in outcome.out
    assert "Gebruikt: programma 6 Zorg en welzijn" in outcome.out
    assert "Verbonden partijen" in outcome.out and "andere programma's: 1 Veiligheid; 7 Financiën" in outcome.out
    found = _activities(out)
    assert sorted(found) == ["Geopende inloop voor jongeren",
                             "Nieuwe subsidieregeling welzijn",
                             "Vastgestelde nota mantelzorg met een uitgewerkt aanbod voor jonge mantelzorgers in "
                             "alle wijken van de gemeente"]
    nota = found["Vastgestelde nota mantelzorg met een uitgewerkt aanbod voor jonge mantelzorgers in alle wijken "
                 "van de gemeente"]
    assert nota["_programma"]["nummer"] == 6 and nota["_programma"]["titel"] == "Zorg en welzijn"
    # "in het voorjaar van 2026" names a season, no day: an estimate (tests/test_tijdpad_zeker.py)
    assert [(m["vroegst"].isoformat(), m["zeker"]) for m in nota["mijlpalen"]] == [("2026-03-01", False)]
    subsidie = found["Nieuwe subsidieregeling welzijn"]
    [year] = subsidie["mijlpalen"]
    assert (year["uiterlijk"].isoformat(), year["zeker"]) == ("2026-12-31", False)  # from the heading's year
    assert any("Belangrijkste resultaten 2026" in o for o in subsidie["opmerkingen"])
    assert regie("laad", str(out)).code == 0


def test_a_word_document_gives_headings_and_real_tables(tmp_path, regie, db) -> None:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_heading("Uitvoeringsprogramma 4 Meedoen", level=1)
    document.add_paragraph("Dit programma loopt van 2025 tot en met 2027.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Onderwerp", "Toelichting 2026"
    for onderwerp, toelichting in (("Schuldhulp", "Vanaf 1 maart 2026 werkt het schuldenloket ook op zaterdag."),
                                   ("Taalhuis", "Het taalhuis verhuist in het najaar van 2026 naar de bibliotheek.")):
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = onderwerp, toelichting
    source = tmp_path / "programma.docx"
    document.save(str(source))
    out = tmp_path / "out"
    outcome = _import(regie, source, out)
    assert outcome.code == 0, outcome
    assert "Word (.docx" in outcome.out
    found = _activities(out)
    assert set(found) == {"Schuldhulp", "Taalhuis"}
    assert found["Schuldhulp"]["_programma"]["nummer"] == 4
    assert ("2026-03-01", True) in [(m["vroegst"].isoformat(), m["zeker"]) for m in found["Schuldhulp"]["mijlpalen"]]
    assert regie("laad", str(out)).code == 0


PDF_HTML = """<html><head><style>
@page { size: A4; margin: 2.5cm 2cm;
        @top-center { content: "Begroting 2026 Proefdorp" }
        @bottom-right { content: "Pagina " counter(page) " van " counter(pages) } }
.kolommen { column-count: 2; column-gap: 1.5cm; }
body { font-family: sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #000; padding: 4pt; text-align: left; }
</style></head><body>
<h1>Programma 6 Zorg en welzijn</h1>
<div class="kolommen">%s</div>
<table><tr><th>Onderwerp</th><th>Toelichting</th></tr>
<tr><td>Buurtkamers</td><td>In het najaar van 2026 openen twee buurtkamers.</td></tr></table>
</body></html>"""


def test_a_two_column_pdf_with_running_headers_reads_in_column_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Columns are not interleaved, headers, footers and page numbers are gone, table rows stay rows."""
    from weasyprint import HTML

    left = " ".join(f"Linkerkolom zin {n} loopt door." for n in range(1, 60))
    right = " ".join(f"Rechterkolom zin {n} loopt door." for n in range(1, 60))
    body = f"<p>{left}</p><p>{right}</p>" * 2
    raw = HTML(string=PDF_HTML.replace("%s", body)).write_pdf()
    from services.importer.document_formats import read_document

    bron = read_document(raw, naam="proef.pdf")
    assert bron.lezer.startswith("PDF") and bron.aantal_paginas >= 2
    text = bron.tekst
    assert "Begroting 2026 Proefdorp" not in text and "Pagina 1 van" not in text
    flat = " ".join(text.split())
    assert "Linkerkolom zin 10 loopt door. Linkerkolom zin 11 loopt door." in flat
    assert flat.index("Linkerkolom zin 59") < flat.index("Rechterkolom zin 1 ")
    assert "Buurtkamers\tIn het najaar van 2026 openen twee buurtkamers." in text


def test_a_scanned_pdf_without_text_is_refused_in_dutch_and_nothing_is_written(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    from weasyprint import HTML

    source = tmp_path / "scan.pdf"
    source.write_bytes(HTML(string='<div style="width:10cm;height:10cm;background:#333"></div>').write_pdf())
    out = tmp_path / "out"
    outcome = _import(regie, source, out)
    assert outcome.code == 2 and "geen tekstlaag" in outcome.err and "OCR" in outcome.err
    assert not out.exists()


def test_pages_outside_the_pdf_and_paginas_for_a_text_file_are_refused(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    from weasyprint import HTML

    source = tmp_path / "kort.pdf"
    source.write_bytes(HTML(string=PDF_HTML.replace("%s", "<p>Tekst.</p>")).write_pdf())
    outside = _import(regie, source, tmp_path / "o", "--paginas", "5-9")
    assert outside.code == 2 and "valt buiten" in outside.err
    wrong = _import(regie, source, tmp_path / "o", "--paginas", "negen")
    assert wrong.code == 2 and "paginabereik" in wrong.err
    text = tmp_path / "t.txt"
    text.write_text("Onderwerp\tToelichting\nA\tIn 2026.\n", encoding="utf-8")
    assert "alleen voor een PDF" in _import(regie, text, tmp_path / "o", "--paginas", "1").err


def test_overschrijven_replaces_only_the_importers_files_and_refuses_a_folder_of_other_files(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "d.txt"
    source.write_text("Onderwerp\tToelichting\nJeugd\tIn 2026 start de pilot.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "programma-9.yaml").write_text("oud", encoding="utf-8")   # from an earlier import
    assert _import(regie, source, out, "--overschrijven").code == 0
    assert sorted(p.name for p in out.iterdir()) == ["personen.yaml", "programma-1.yaml"]
    (out / "notities.docx").write_bytes(b"van de regisseur")
    (out / "archief").mkdir()
    refused = _import(regie, source, out, "--overschrijven")
    assert refused.code == 2 and "niet schrijft" in refused.err and "notities.docx" in refused.err
    assert (out / "notities.docx").read_bytes() == b"van de regisseur" and (out / "archief").is_dir()


def test_a_card_without_a_title_gives_a_draft_that_loads(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "kaart.txt"
    source.write_text("Activiteit: |\n|\nToelichting We doen iets. |\nTijdpad medio 2026 |\n", encoding="utf-8")
    out = tmp_path / "out"
    outcome = _import(regie, source, out)
    assert outcome.code == 0, outcome
    [activity] = _activities(out).values()
    assert activity["titel"].startswith("Activiteit zonder titel")
    assert any("geen titel" in o for o in activity["opmerkingen"])


def _short_id(value: str) -> str:
    """A test id of the first words and the length, not the 10 MB itself: pytest makes the id part
    of the node id, which every xdist worker sends to the controller with each report and which
    sits in the test's environment (PYTEST_CURRENT_TEST): 107 MB of ids for these 13 tests."""
    return f"{' '.join(value[:40].split())}... ({len(value)} tekens)" if len(value) > 60 else value


@pytest.mark.parametrize("line", [
    "Tijdpad " + "in 2025 " * 1_250_000,
    "Onderwerp\tToelichting\nA\t" + ("1.1 " + "a" * 60 + " - ") * 150_000,
    ("x" * 10_000_000),
    ("medio " * 1_700_000) + "2025",
    # Thousands of dates in one tijdpad: each date used to re-read the whole item (minutes).
    "ACTIVITEIT: Pilot |\n|\nTIJDPAD " + "januari tot " * 100_000 + " |",
    "ACTIVITEIT: Pilot |\n|\nTIJDPAD " + "(maart 2025) en " * 100_000 + " |",
    # Thousands of amounts without a full stop: each read the whole line for its clause (minutes).
    "ACTIVITEIT: Pilot |\n|\nKOSTEN " + "€ 5,- " * 50_000 + " |",
    # 10 MB lines of amounts with a scope: each phrase was held against every amount (minutes).
    "ACTIVITEIT: Pilot |\n|\nKOSTEN " + "€ 5,- per gemeente " * 500_000 + " |",
    "ACTIVITEIT: Pilot |\n|\nKOSTEN " + "€ 5,- voor zeven gemeenten " * 360_000 + " |",
    "ACTIVITEIT: Pilot |\n|\nToelichting " + "2020 € 37.663 jaarlijks " * 420_000 + " |",
], ids=_short_id)
def test_a_10_mb_line_is_read_in_seconds(tmp_path, regie, line) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "lang.txt"
    source.write_text(line, encoding="utf-8")
    started = time.monotonic()
    outcome = _import(regie, source, tmp_path / "out")
    assert outcome.code in (0, 2) and "Interne fout" not in outcome.err
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(("name", "content"), [
    ("nummers.txt", "1." * 5_000_000),
    ("tabel.txt", "Onderwerp | Toelichting\n" + "|---" * 2_500_000),
    ("lijst.html", "<html><body><ul><li>" + "1." * 5_000_000 + " x</li></ul></body></html>"),
], ids=_short_id)
def test_a_10_mb_line_of_numbering_or_table_rules_takes_little_memory(tmp_path, regie, name, content) -> None:  # type: ignore[no-untyped-def]
    """Python's re keeps a frame per repetition of a group: '(?:\\.\\d+)*' over 4 MB of '1.' took
    286 MB (the fuzz bench's most memory, case 231), so 10 MB took over 700 MB, past the 500 MB target."""
    import tracemalloc

    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    tracemalloc.start()
    try:
        outcome = _import(regie, source, tmp_path / "out")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome.code in (0, 2) and "Interne fout" not in outcome.err, outcome
    # A web page is held several times over (bytes, parsed tree, text): ≈ 230 MB for 10 MB.
    assert peak < 300 * 2 ** 20, f"{peak / 2 ** 20:.0f} MB"


def test_a_card_with_thousands_of_amounts_keeps_the_first_200_and_says_so(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    """The fuzz bench's slowest documents were lines of thousands of amounts: each was read, noted
    and written to the draft (16,668 in one card). No card names that many."""
    source = tmp_path / "bedragen.txt"
    source.write_text("Uitvoeringsprogramma 1: Zorg\nACTIVITEIT: Pilot |\n|\nTIJDPAD medio 2026 |\n"
                      "KOSTEN " + "€ 5,- per gemeente " * 5_000 + " |\n", encoding="utf-8")
    started = time.process_time()
    outcome = _import(regie, source, tmp_path / "out")
    assert outcome.code == 0, outcome
    assert time.process_time() - started < 5
    [activity] = _activities(tmp_path / "out").values()
    assert len(activity["bedragen"]) == 200 and {b["schaal"] for b in activity["bedragen"]} == {"per-gemeente"}
    assert any("meer dan 200 bedragen" in o and "regel 2" in o for o in activity["opmerkingen"]), activity
    assert regie("laad", str(tmp_path / "out")).code == 0


def test_a_web_page_of_half_a_million_elements_is_refused_at_once_in_dutch(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    """BeautifulSoup needed 30 s for such a page (found by bench/fuzz.py); a real one is far smaller."""
    source = tmp_path / "enorm.html"
    source.write_bytes(b"<html><body><main>" + b"<p>| </p>" * 500_000 + b"</main></body></html>")
    started = time.process_time()
    outcome = _import(regie, source, tmp_path / "out")
    assert outcome.code == 2, outcome
    assert "enorm.html is een webpagina met meer dan 100.000 HTML-elementen" in outcome.err
    assert time.process_time() - started < 2 and not (tmp_path / "out").exists()
