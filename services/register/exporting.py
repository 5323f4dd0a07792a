"""Writing the database back as register files (the inverse of ``load_register``)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
import yaml_rs
from sqlalchemy import select
from sqlmodel import Session

from models.tables import (
    Activity,
    Amount,
    Indicator,
    Meeting,
    Milestone,
    Municipality,
    Person,
    Programme,
    Subsidy,
)
from services import written_files


def slug(text: str) -> str:
    """A file-system friendly name: 'Gemeente Súdwest-Fryslân' → 'gemeente-sudwest-fryslan'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "gemeente"


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _compact(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in keep or v not in (None, [], {})}


class _Dumper(yaml.SafeDumper):
    """Readable YAML: long texts folded by the emitter, short number pairs inline, no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # "vroegst: &id001 2020-01-01" means nothing to a person


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = len(data) == 2 and all(isinstance(x, int) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


# Text that PyYAML (YAML 1.1) would write unquoted but the reader (yaml-rs, YAML 1.2 and a
# little more liberal about numbers: "_33", "29e1", "0XFF") would read as a number.
_NUMBERISH = re.compile(r"[-+._~\d]")
# Line breaks outside ASCII that PyYAML writes literally and then reads back changed.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if any(ch in data for ch in _ODD_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if _NUMBERISH.match(data) and "\n" not in data and _reads_as_other(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'")
    return dumper.represent_str(data)


def _reads_as_other(text: str) -> bool:
    try:
        return yaml_rs.loads(f"k: {text}", parse_datetime=False) != {"k": text}
    except yaml_rs.YAMLDecodeError:
        return False  # not a plain scalar: PyYAML quotes it anyway


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, header: str) -> str:
    """YAML text for a register file, with a comment header."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# {header}\n{body}"


def export_register(*, session: Session, out_dir: Path, overschrijf: bool = False) -> list[Path]:
    """Write every active municipality as ``out_dir/<gemeente>/`` register files; nothing (an empty
    list) when the database holds no municipality. ``out_dir`` is the export as a whole (`regie laad`
    reads every file in it), so every target and every other file in it is checked before anything is
    written: a file this command did not write, or that was changed since, or one of an older export
    that this one does not write, raises ``NietOverschreven`` unless ``overschrijf``
    (services/written_files.py). With ``overschrijf`` the files of the names it writes are replaced and
    every other file stays."""
    folders = municipality_folders(session=session)
    files = [(out_dir / folders[gemeente.naam] / name, text.encode("utf-8"))
             for gemeente in session.scalars(select(Municipality).order_by(Municipality.naam))
             for name, text in municipality_files(session=session, gemeente=gemeente).items()]
    if not files:
        return []
    targets = [path for path, _text in files]
    written_files.check_targets(targets, folder=out_dir, opdracht="regie exporteer",
                                keuze="Kies een lege (of nieuwe) map", overschrijf=overschrijf,
                                anders=_others(out_dir, targets))
    return written_files.write_files(files)


def municipality_folders(*, session: Session) -> dict[str, str]:
    """Municipality name → the folder an export writes it to: its slug, and where two names give the
    same slug ('Bronckhorst' and 'bronckhorst', 'Súdwest-Fryslân' and 'Sudwest Fryslan') the second
    and later, in the order of their names, get '-2', '-3' …, never a slug another name has of its
    own. Decided in Python, not by the database's collation, so SQLite and PostgreSQL agree."""
    names = sorted(session.scalars(select(Municipality.naam)))
    natural = {naam: slug(naam) for naam in names}
    own = set(natural.values())
    taken: set[str] = set()
    folders = {}
    for naam in names:
        folder, n = natural[naam], 2
        while folder in taken or (folder != natural[naam] and folder in own):
            folder, n = f"{natural[naam]}-{n}", n + 1
        taken.add(folder)
        folders[naam] = folder
    return folders


def shared_folders(folders: dict[str, str]) -> list[str]:
    """In Dutch, per municipality whose folder got a number: where it is, and which name has the slug."""
    said = []
    for naam, folder in folders.items():
        if folder != slug(naam):
            first = next(other for other, f in folders.items() if f == slug(naam))
            said.append(f"'{naam}' staat in {folder}/, want '{first}' heeft de map {slug(naam)}/")
    return said


def _others(out_dir: Path, targets: list[Path]) -> list[Path]:
    """What is in ``out_dir`` besides the targets: at its top, anything but a municipality's folder;
    in such a folder, anything but a file this export writes (a programme archived since the last
    export, someone's notes). Two levels only: an export folder is looked at, not searched."""
    if not out_dir.is_dir():
        return []
    folders, wanted = {p.parent for p in targets}, set(targets)
    others = []
    for entry in out_dir.iterdir():
        if entry in folders and entry.is_dir() and not entry.is_symlink():
            others += [p for p in entry.iterdir() if p not in wanted]
        else:
            others.append(entry)
    return others


def municipality_files(*, session: Session, gemeente: Municipality) -> dict[str, str]:
    """File name → YAML text for one municipality's register."""
    people = list(session.scalars(
        select(Person).where(Person.gemeente_id == gemeente.id, Person.gearchiveerd_op.is_(None))
        .order_by(Person.id)))
    keys = {p.id: p.sleutel for p in session.scalars(
        select(Person).where(Person.gemeente_id == gemeente.id))}
    files = {"personen.yaml": dump_yaml(
        {"personen": [_compact({"sleutel": p.sleutel, "naam": p.naam, "rollen": p.rollen,
                                "kanalen": p.kanalen}, keep=("rollen",)) for p in people]},
        f"Personen van {gemeente.naam}. Sleutels worden gebruikt in de programmabestanden.")}
    programmes = session.scalars(
        select(Programme).where(Programme.gemeente_id == gemeente.id,
                                Programme.gearchiveerd_op.is_(None)).order_by(Programme.nummer))
    for programme in programmes:
        files[f"programma-{programme.nummer}.yaml"] = dump_yaml(
            _programme_data(session, gemeente, programme, keys),
            f"{gemeente.naam}, programma {programme.nummer}: {programme.titel}. "
            "Bewerk dit bestand en laad het opnieuw met: regie laad MAP",
        )
    meetings = list(session.scalars(select(Meeting).where(
        Meeting.gemeente_id == gemeente.id, Meeting.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        .order_by(Meeting.datum, Meeting.soort)))
    if meetings:
        files["vergaderingen.yaml"] = dump_yaml(
            {"vergaderingen": [_compact({"soort": m.soort, "datum": m.datum, "omschrijving": m.omschrijving})
                               for m in meetings]},
            f"Vergaderkalender van {gemeente.naam}: MOSD en PoHo. Rapportages en uitvragen rekenen "
            "hiervan terug.")
    return files


def _children(session: Session, model: Any, ids: list[int], *, active: bool = False) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    if not ids:
        return grouped
    query = select(model).where(model.activiteit_id.in_(ids))
    if active:
        query = query.where(model.gearchiveerd_op.is_(None))
    for row in session.scalars(query.order_by(model.activiteit_id, model.volgorde
                                              if hasattr(model, "volgorde") else model.id)):
        grouped[row.activiteit_id].append(row)
    return grouped


def _programme_data(
    session: Session, gemeente: Municipality, programme: Programme, keys: dict[int, str]
) -> dict[str, Any]:
    activities = list(session.scalars(
        select(Activity).where(Activity.programma_id == programme.id,
                               Activity.gearchiveerd_op.is_(None)).order_by(Activity.volgorde)))
    ids = [a.id for a in activities if a.id is not None]
    milestones = _children(session, Milestone, ids, active=True)
    amounts = _children(session, Amount, ids)
    subsidies = _children(session, Subsidy, ids)
    indicators = _children(session, Indicator, ids, active=True)
    regisseur = keys[programme.regisseur_id]
    data: dict[str, Any] = {"gemeente": gemeente.naam}
    if gemeente.code:
        data["gemeentecode"] = gemeente.code
    if programme.bron_document:
        data["bron"] = _compact({"document": programme.bron_document,
                                 "documentdatum": programme.bron_documentdatum})
    own = list(session.scalars(select(Indicator).where(
        Indicator.programma_id == programme.id, Indicator.gearchiveerd_op.is_(None)).order_by(Indicator.id)))
    data["programma"] = _compact({"nummer": programme.nummer, "titel": programme.titel,
                                  "regisseur": regisseur, "indicatoren": [_indicator(i) for i in own]})
    data["activiteiten"] = [
        _activity_data(a, keys, regisseur, milestones[a.id], amounts[a.id], subsidies[a.id],
                       indicators[a.id])
        for a in activities if a.id is not None
    ]
    return data


def _activity_data(
    a: Activity, keys: dict[int, str], regisseur: str, milestones: list[Milestone],
    amounts: list[Amount], subsidies: list[Subsidy], indicators: list[Indicator],
) -> dict[str, Any]:
    owner = keys[a.eigenaar_id]
    monitoring = None
    if a.monitoring_zeker is not None:
        monitoring = _compact({"ritme": a.monitoring_ritme, "door": a.monitoring_door,
                               "bron": a.monitoring_bron, "zeker": a.monitoring_zeker})
    return _compact({
        "id": a.sleutel,
        "titel": a.titel,
        "eigenaar": owner if owner != regisseur else None,
        "status": a.status,
        "soort": a.soort,
        "velden": a.velden,
        "bedragen": [_amount(b) for b in amounts],
        "mijlpalen": [_compact({
            "id": m.sleutel, "soort": m.soort, "omschrijving": m.omschrijving,
            "vroegst": m.vroegst, "uiterlijk": m.uiterlijk, "herhaling": m.herhaling,
            "bron": m.bron, "veld": m.veld, "zeker": m.zeker, "gereed": m.gereed,
        }, keep=("vroegst", "uiterlijk", "gereed")) for m in milestones],
        "subsidies": [_compact({
            "ontvanger": s.ontvanger, "bedrag": _number(s.bedrag), "periode_eind": s.periode_eind,
            "verantwoording_uiterlijk": s.verantwoording_uiterlijk}) for s in subsidies],
        "monitoring": monitoring,
        "indicatoren": [_indicator(i) for i in indicators],
        "bronregels": [a.bronregel_van, a.bronregel_tot] if a.bronregel_van else None,
        "opmerkingen": a.opmerkingen,
    })


def _amount(b: Amount) -> dict[str, Any]:
    one_year = b.vanaf is not None and b.vanaf == b.tot_en_met
    return _compact({"bedrag": _number(b.bedrag), "per": b.per, "bron": b.bron, "schaal": b.schaal,
                     "gemeenten": b.gemeenten, "ondergrens": _number(b.ondergrens),
                     "jaar": b.vanaf if one_year else None, "vanaf": None if one_year else b.vanaf,
                     "tot_en_met": None if one_year else b.tot_en_met})


def _indicator(i: Indicator) -> dict[str, Any]:
    return _compact({"id": i.sleutel, "naam": i.naam, "code": i.code, "eenheid": i.eenheid,
                     "richting": i.richting, "streefwaarde": _number(i.streefwaarde)})
