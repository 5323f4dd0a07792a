"""`regie laad --plan`, the archive guard, the history of archived activities and the channel
check at load: what a coordinator sees before and after a load that would remove a lot."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Database

PROGRAMME = Path("bronckhorst") / "programma-1.yaml"
PEOPLE = Path("bronckhorst") / "personen.yaml"
LAST = "  - id: voortgang-pilot-steungezinnen"
SECOND_PROGRAMME = """gemeente: Bronckhorst
programma:
  nummer: 2
  titel: Meedoen en erbij horen
  regisseur: regisseur-jeugd
activiteiten:
  - id: armoedebeleid
    titel: Nieuw armoedebeleid
    status: lopend
    mijlpalen:
      - {id: nota, soort: oplevering, omschrijving: Nota armoedebeleid, uiterlijk: 2020-12-31}
  - id: schuldhulp
    titel: Vroegsignalering schulden
    status: lopend
"""


def _edit(sample: Path, old: str, new: str) -> None:
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_laad_plan_shows_per_municipality_what_would_change_and_writes_nothing(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    _edit(sample, "titel: Versterking van de pleegzorg (regionaal)", "titel: Versterking van de pleegzorg")
    (sample / PROGRAMME).write_text((sample / PROGRAMME).read_text(encoding="utf-8").split(LAST)[0],
                                    encoding="utf-8")  # the last activity removed: 1 of 8 archived
    people = sample / PEOPLE
    people.write_text(people.read_text(encoding="utf-8") + "  - sleutel: nieuw\n    naam: Nieuwe collega\n"
                      "    kanalen: [nieuw@example.org]\n", encoding="utf-8")
    before = db.snapshot()
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0, plan
    assert db.snapshot() == before
    text = _flat(plan.out)
    assert "Plan (er is niets geschreven)" in text and "Bronckhorst" in text
    assert "personen 1 0 0" in text and "activiteiten 0 1 1" in text
    assert "gearchiveerd activiteiten: voortgang-pilot-steungezinnen" in text
    # The real load does what the plan said.
    loaded = regie("laad", str(sample))
    assert loaded.code == 0, loaded
    assert "personen 1 0 0" in _flat(loaded.out) and "activiteiten 0 1 1" in _flat(loaded.out)
    assert db.snapshot() != before


def test_laad_plan_on_an_empty_database_lists_everything_as_added_and_writes_nothing(
        db: Database, region: Path, regie) -> None:  # type: ignore[no-untyped-def]
    before = db.snapshot()
    plan = regie("laad", str(region), "--plan")
    assert plan.code == 0, plan
    assert db.snapshot() == before
    text = _flat(plan.out)
    assert "Bronckhorst" in text and "Gorinchem" in text and "activiteiten 8 0 0" in text


def test_a_load_that_archives_a_whole_programme_stops_with_the_plan_until_confirmed(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    extra = sample / "bronckhorst" / "programma-2.yaml"
    extra.write_text(SECOND_PROGRAMME, encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    extra.unlink()  # 2 of 10 activities: within the share, but a whole programme goes
    before = db.snapshot()
    refused = regie("laad", str(sample))
    assert refused.code == 2
    assert db.snapshot() == before
    message = _flat(refused.err)
    assert "Het register is niet geladen" in message and "Traceback" not in message
    assert "programma 2: Meedoen en erbij horen staat niet meer in de bestanden" in message
    # A coordinator who imported a municipality's second document into a folder of its own and loaded
    # that folder on its own is told what to do instead of being steered to --archiveren-toestaan.
    assert ("Staat het in een andere map? Zet alle programma-bestanden van Bronckhorst in één map, met één "
            "personen.yaml, en laad die map.") in message
    assert "--archiveren-toestaan" in message and "De database is niet veranderd" in message
    assert "programma's 0 0 1" in _flat(refused.out)  # the plan is shown with the refusal
    allowed = regie("laad", str(sample), "--archiveren-toestaan")
    assert allowed.code == 0, allowed
    assert "programma's 0 0 1" in _flat(allowed.out)


def test_a_truncated_programme_file_that_still_parses_is_stopped_by_the_share_of_archived_activities(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("  - id: oab-integreren-in-sociaal-domein")], encoding="utf-8")
    before = db.snapshot()
    refused = regie("laad", str(sample))
    assert refused.code == 2
    assert db.snapshot() == before
    message = _flat(refused.err)
    assert "Bronckhorst: 5 van de 8 activiteiten (62%) zouden gearchiveerd worden" in message
    assert "de grens is 20% (instelling REGIE_ARCHIVEER_MAX_AANDEEL)" in message
    # The plan says the same without refusing; a higher limit lets the load through.
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0 and "5 van de 8 activiteiten" in _flat(plan.out)
    monkeypatch.setenv("REGIE_ARCHIVEER_MAX_AANDEEL", "0.7")
    assert regie("laad", str(sample)).code == 0
    assert db.snapshot() != before


def test_an_archived_activity_shows_its_history_marked_as_archived(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(sample)).code == 0
    path = sample / PROGRAMME
    path.write_text(path.read_text(encoding="utf-8").split(LAST)[0], encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    shown = regie("geschiedenis", "voortgang-pilot-steungezinnen")
    assert shown.code == 0, shown
    text = _flat(shown.out)
    assert "Geschiedenis van Voortgang pilot Steungezinnen (gearchiveerd op" in text
    rows = [[cell.strip() for cell in line.split("│")] for line in shown.out.splitlines()]
    assert any(cell.startswith("activiteit: toegevoegd met") for row in rows for cell in row), shown.out
    assert any("activiteit · gearchiveerd: nee → ja" in row for row in rows), shown.out
    missing = regie("geschiedenis", "bestaat-echt-niet")
    assert missing.code == 2 and "bestaat niet, ook niet in het archief" in missing.err


def test_a_channel_apprise_cannot_parse_is_refused_at_load_with_line_and_field_and_without_its_secret(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    people = sample / PEOPLE
    text = people.read_text(encoding="utf-8")
    text = text.replace('kanalen: ["mailto://beleid.onderwijs@example.org"]',
                        'kanalen: ["beleid.onderwijs@example.org", "mailto:b2@example.org",\n'
                        '              "json://regie:Geheim-Json-1@hooks.example.org/pad",\n'
                        '              "workflows://outlook.office.com/Geheim-Teams-2"]')
    text = text.replace('kanalen: ["mailto://mosd@example.org"]',
                        'kanalen: ["mailto://mosd@example.org", "telegrom://Geheim-Token-3@api.example.org/x"]')
    people.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    teams_line = next(i for i, line in enumerate(lines, 1) if "workflows://" in line)
    unknown_line = next(i for i, line in enumerate(lines, 1) if "telegrom://" in line)
    before = db.snapshot()
    refused = regie("laad", str(sample))
    assert refused.code == 2
    assert db.snapshot() == before
    message = refused.err
    assert (f"bronckhorst/personen.yaml, regel {teams_line}, veld personen[beleid-onderwijs].kanalen[4]: "
            "het kanaal workflows://outlook.office.com is geen geldige Apprise-URL") in _flat(message)
    assert (f"regel {unknown_line}, veld personen[mosd-secretariaat].kanalen[2]: het kanaal "
            "telegrom://api.example.org heeft een schema dat Apprise niet kent") in _flat(message)
    for fine in (1, 2, 3):  # a bare address, mailto: and a valid json:// URL load
        assert f"personen[beleid-onderwijs].kanalen[{fine}]" not in message
    for secret in ("Geheim-Json-1", "Geheim-Teams-2", "Geheim-Token-3"):
        assert secret not in refused.out + refused.err


def test_a_plan_names_each_activity_whose_amounts_change_with_old_and_new(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A load that only changed amounts said 'activiteiten 0 3 0' and named none of the three; the money
    now has rows of its own (tests/test_plan_geld.py)."""
    assert regie("laad", str(sample)).code == 0
    _edit(sample, "bedrag: 138371", "bedrag: 140000")
    _edit(sample, "      - bedrag: 92799", "      - bedrag: 92800")
    _edit(sample, "        bedrag: 13257\n        periode_eind", "        bedrag: 13300\n        periode_eind")
    _edit(sample, "    bronregels: [71, 100]", "    bronregels: [71, 101]")  # a column the history did not note
    before = db.snapshot()
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0, plan
    assert db.snapshot() == before
    text = _flat(plan.out)
    assert "activiteiten 0 3 0" in text and "bedragen 0 2 0 subsidies 0 1 0" in text, text
    assert ("gewijzigd activiteiten: versterking-pleegzorg (bronregels), oab-integreren-in-sociaal-domein "
            "(bedragen), voortgang-pilot-steungezinnen (bedragen, subsidies)") in text, text
    assert ("gewijzigd bedragen: oab-integreren-in-sociaal-domein (€ 138.371 per jaar → € 140.000 per jaar), "
            "voortgang-pilot-steungezinnen (€ 92.799 per jaar; € 13.257 per jaar → € 92.800 per jaar; € 13.257 per "
            "jaar)") in text, text
    assert "gewijzigd subsidies: voortgang-pilot-steungezinnen/Yunio (bedrag € 13.257 → € 13.300)" in text, text
    assert "en nog" not in text
    loaded = regie("laad", str(sample))
    assert loaded.code == 0 and "activiteiten 0 3 0" in _flat(loaded.out), loaded
    monkeypatch.setenv("COLUMNS", "300")  # the history's table on one line per change
    history = _flat(regie("geschiedenis", "oab-integreren-in-sociaal-domein").out)
    assert "activiteit · bedragen: € 138.371 per jaar → € 140.000 per jaar" in history, history
    assert "niets veranderd" in regie("laad", str(sample)).out  # the amounts as read back compare equal


def test_a_plan_names_the_first_ten_activities_whose_amounts_change_and_counts_the_rest(
        db: Database, tmp_path: Path, regie) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "register" / "demo"
    root.mkdir(parents=True)
    (root / "personen.yaml").write_text("personen:\n  - sleutel: regisseur\n    naam: Regisseur\n"
                                        "    rollen: [regisseur]\n    kanalen: [r@example.org]\n", encoding="utf-8")

    def programme(amount: int) -> str:
        return ("gemeente: Demo\nprogramma:\n  nummer: 1\n  titel: Demo\n  regisseur: regisseur\nactiviteiten:\n"
                + "".join(f"  - id: a{i:02}\n    titel: Activiteit {i}\n    bedragen:\n      - bedrag: {amount + i}\n"
                          "        per: jaar\n" for i in range(12)))

    (root / "programma-1.yaml").write_text(programme(1000), encoding="utf-8")
    assert regie("laad", str(root)).code == 0
    (root / "programma-1.yaml").write_text(programme(2000), encoding="utf-8")
    text = _flat(regie("laad", str(root), "--plan").out)
    assert "activiteiten 0 12 0" in text, text
    named = ", ".join(f"a{i:02} (€ 1.0{i:02} per jaar → € 2.0{i:02} per jaar)" for i in range(10))
    assert f"gewijzigd bedragen: {named} en nog 2" in text, text
    assert "gewijzigd activiteiten: " + ", ".join(f"a{i:02} (bedragen)" for i in range(10)) + " en nog 2" in text


def test_a_plan_names_a_municipality_whose_code_changes(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    _edit(sample, "gemeente: Bronckhorst\n", "gemeente: Bronckhorst\ngemeentecode: GM1876\n")
    text = _flat(regie("laad", str(sample), "--plan").out)
    assert "gemeenten 0 1 0 gewijzigd gemeenten: Bronckhorst (gemeentecode)" in text, text


def test_a_changed_owner_is_named_by_the_register_s_words_and_keys_in_the_plan_and_the_history(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The plan said '(eigenaar_id)' and the history 'eigenaar_id: 2 → 1', the database's column and
    row ids; the register file says 'eigenaar: regisseur-jeugd'."""
    assert regie("laad", str(sample)).code == 0
    _edit(sample, "    eigenaar: beleid-onderwijs", "    eigenaar: regisseur-jeugd")
    _edit(sample, "      ritme: pc-cyclus", "      ritme: kwartaal")
    plan = _flat(regie("laad", str(sample), "--plan").out)
    assert "(eigenaar)" in plan and "(monitoring.ritme)" in plan, plan
    assert "_id" not in plan and "monitoring_ritme" not in plan, plan
    assert regie("laad", str(sample)).code == 0
    monkeypatch.setenv("COLUMNS", "300")
    history = _flat(regie("geschiedenis", "uitvoeringsstrategie-rijkere-visie-op-onderwijs").out)
    assert "activiteit · eigenaar: beleid-onderwijs → regisseur-jeugd" in history, history
