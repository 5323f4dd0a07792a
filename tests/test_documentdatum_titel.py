"""The document date estimated from the title: a budget's first lines were body text, and "…de
reguliere begroting. Aan het eind van 2021 willen wij…" was called the title ("geschat uit de titel
'begroting. Aan het eind van 2021'"). A title is a short line, and its kind and year stand in one
sentence; otherwise the file name says it, or nothing does and the user is asked."""

from __future__ import annotations

import datetime as dt

import pytest

from services.importer.importing import estimate_document_date

PROSE = ("Wat willen we bereiken\nDit is ook de reden waarom de lasten van dit programma een structureel "
         "onderdeel zijn gemaakt van de reguliere begroting. Aan het eind van 2021 willen wij de doelen borgen.\n")


@pytest.mark.parametrize(("text", "name", "expected"), [
    (PROSE, "stad-begroting-2021-sociaal-domein.txt", (dt.date(2020, 10, 1), "de bestandsnaam 'begroting 2021'")),
    (PROSE, "sociaal-domein.txt", None),
    ("Programmabegroting 2021\nSociaal domein\n" + PROSE, "stuk.txt",
     (dt.date(2020, 10, 1), "de titel 'Programmabegroting 2021'")),
    ("Uitvoeringsprogramma's 2019-2022\n", "stuk.txt", (dt.date(2019, 10, 1), "de titel 'Uitvoeringsprogramma's 2019-2022'")),
    ("Jaarstukken 2020\n", "stuk.txt", (dt.date(2021, 4, 1), "de titel 'Jaarstukken 2020'")),
])
def test_the_title_is_a_short_line_with_its_kind_and_year_in_one_sentence(text: str, name: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert estimate_document_date(text, name) == expected
