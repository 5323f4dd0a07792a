"""Which sections of a programme chapter the importer skips, and what --verslag says about them."""

from __future__ import annotations

from domain.documents.programmakeuze import kies_programmas

_LINES = [
    "Programma 1 Veiligheid", "Wat gaan we daarvoor doen?", "1.1 Toezicht",
    "Programma 2 Zorg en welzijn", "Wat gaan we daarvoor doen?", "2.1 Nieuwe nota mantelzorg",
    "In 2026 stelt de raad de nota vast.",
    "Beleidsindicatoren", "Tabel 2.1 - Beleidsindicatoren Zorg en welzijn", "% jongeren met jeugdhulp 9,0",
    "Wat gaat het kosten ?", "Investeringen", "Tabel 2.2 - Investeringen Zorg en welzijn",
    "Sporthal 7.411.000", "Baten en lasten", "Baten 9.688",
]
_PAGES = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5]


def test_a_money_section_right_after_an_indicator_list_is_reported_as_money_not_as_indicators() -> None:
    # Found in a trial (1 December 2026, Wassenaar begroting 2025): "'Effectindicatoren' (pagina's 31–37):
    # geen activiteiten (indicatorenlijst)", though pages 32–37 were "Wat gaat het kosten ?".
    keuze = kies_programmas(_LINES, paginas=_PAGES)
    assert keuze is not None
    assert keuze.overgeslagen[:2] == ["'Beleidsindicatoren' (pagina 3): geen activiteiten (indicatorenlijst)",
                                      "'Wat gaat het kosten' (pagina's 4–5): geen activiteiten (financiën)"]
    assert "2.1 Nieuwe nota mantelzorg" in keuze.regels and "Baten 9.688" not in keuze.regels
    assert not any(line.startswith(("Tabel", "Investeringen")) for line in keuze.regels)
