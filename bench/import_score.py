"""How well the importer reads documents it was not tuned on: a draft compared with a hand-made key.

For every key in bench/keys/ (written by reading the document, never from the importer's output)
the document in ../shared/documents is imported afresh and timed, and the draft is compared:
activities found, false activities, dated phrases read right, wrong-and-sure dates (zeker: true but
no date of the key matches), and how many milestones were flagged (zeker: false).

Usage: python bench/import_score.py [KEY.yaml ...]   (REGIE_SHARED_DOCUMENTS overrides the folder)
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.importer.importing import import_document  # noqa: E402

KEYS = ROOT / "bench" / "keys"


def _documents() -> Path:
    for candidate in (os.environ.get("REGIE_SHARED_DOCUMENTS"), ROOT.parent / "shared" / "documents",
                      ROOT.parent.parent / "shared" / "documents"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise SystemExit("De map shared/documents is niet gevonden; zet REGIE_SHARED_DOCUMENTS.")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _match(title: str, drafts: dict[str, dict]) -> str | None:  # type: ignore[type-arg]
    """The draft activity with the same title (near enough: a line break or a letter may differ)."""
    best, score = None, 0.0
    for candidate in drafts:
        ratio = difflib.SequenceMatcher(None, _norm(title), _norm(candidate)).ratio()
        if ratio > score:
            best, score = candidate, ratio
    return best if score >= 0.85 else None


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _right(expected: dict, milestone: dict) -> bool:  # type: ignore[type-arg]
    if "herhaling" in expected:
        return str(milestone.get("herhaling") or "").startswith(expected["herhaling"])
    same = (_date(milestone.get("vroegst")), _date(milestone.get("uiterlijk"))) == (
        expected.get("vroegst"), expected.get("uiterlijk"))
    return same and bool(milestone.get("gereed")) == bool(expected.get("gereed"))


def score(key_path: Path, documents: Path) -> dict[str, float]:
    """Import the key's document and count what the draft got right."""
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        import_document(document=documents / key["document"], gemeente=key["gemeente"],
                        uitvoer=Path(tmp) / "concept", documentdatum=key.get("documentdatum"))
        seconds = time.perf_counter() - started
        drafts: dict[str, dict] = {}  # type: ignore[type-arg]
        for path in (Path(tmp) / "concept").glob("programma-*.yaml"):
            for activity in yaml.safe_load(path.read_text(encoding="utf-8"))["activiteiten"]:
                drafts[activity["titel"]] = activity
    matched: set[str] = set()
    dates = right = 0
    sure_wrong = sure = flagged = milestones = 0
    for expected in key["activiteiten"]:
        title = _match(expected["titel"], drafts)
        data = expected.get("data", [])
        dates += len(data)
        if title is None:
            print(f"  niet gevonden: {expected['titel']}")
            continue
        matched.add(title)
        found = drafts[title].get("mijlpalen", [])
        right += sum(1 for e in data if any(_right(e, m) for m in found))
        for m in found:
            milestones += 1
            if m.get("zeker"):
                sure += 1
                if not any(_right(e, m) for e in data):
                    sure_wrong += 1
                    print(f"  zeker maar fout: {title[:50]} · '{m.get('bron')}' "
                          f"{m.get('vroegst')}–{m.get('uiterlijk')}")
            else:
                flagged += 1
    false = [t for t in drafts if t not in matched]
    for title in false:
        print(f"  geen activiteit volgens de sleutel: {title[:70]}")
    return {"seconden": seconds, "activiteiten": len(key["activiteiten"]), "gevonden": len(matched),
            "concept": len(drafts), "onterecht": len(false), "data": dates, "goed": right,
            "mijlpalen": milestones, "zeker": sure, "zeker_fout": sure_wrong, "gemarkeerd": flagged}


def main() -> None:
    """Score every key given (default: all in bench/keys) and print the figures."""
    keys = [Path(a) for a in sys.argv[1:]] or sorted(KEYS.glob("*.yaml"))
    documents = _documents()
    total: dict[str, float] = {}
    for key_path in keys:
        print(f"{key_path.stem}:")
        s = score(key_path, documents)
        total = {k: total.get(k, 0) + v for k, v in s.items()}
        _print(s)
    if len(keys) > 1:
        print("alle sleutels samen:")
        _print(total)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _print(s: dict[str, float]) -> None:
    """The figures of one document (or of all together)."""
    print(f"  activiteiten gevonden {s['gevonden']:.0f}/{s['activiteiten']:.0f} "
          f"({_pct(s['gevonden'], s['activiteiten'])}); onterecht {s['onterecht']:.0f}/{s['concept']:.0f} "
          f"({_pct(s['onterecht'], s['concept'])})")
    print(f"  data goed gelezen {s['goed']:.0f}/{s['data']:.0f} ({_pct(s['goed'], s['data'])}); "
          f"zeker maar fout {s['zeker_fout']:.0f}/{s['zeker']:.0f} "
          f"(zeker-juist {_pct(s['zeker'] - s['zeker_fout'], s['zeker'])}); "
          f"gemarkeerd (zeker: false) {s['gemarkeerd']:.0f}/{s['mijlpalen']:.0f}")
    print(f"  importtijd {s['seconden']:.2f} s")


if __name__ == "__main__":
    main()
