"""A deterministic synthetic register: N municipalities × activities × milestones.

Usage: python bench/synthetic.py OUT_DIR [--gemeenten 342] [--activiteiten 300] [--mijlpalen 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

SOORTEN = ["evaluatie", "besluit", "oplevering", "verantwoording", "rapportage", "einde", "start"]
STATUS = ["gepland", "lopend", "lopend", "lopend", "vertraagd", "afgerond"]
ACTIVITEIT_SOORT = ["project", "pilot", "regulier", "onderzoek", "subsidie"]
PROGRAMMAS = 6


def _dump(data: object) -> str:
    return yaml.dump(data, sort_keys=False, allow_unicode=True, width=100, Dumper=yaml.CSafeDumper)


def _milestone(rng: random.Random, index: int) -> dict[str, object]:
    start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 4 * 365))
    end = start + dt.timedelta(days=rng.choice([0, 9, 30, 60, 91]))
    soort = rng.choice(SOORTEN)
    return {"id": f"m{index}-{soort}", "soort": soort, "omschrijving": f"{soort.capitalize()} {index}",
            "vroegst": start, "uiterlijk": end, "bron": f"{start:%B %Y}", "veld": "tijdpad",
            "zeker": rng.random() > 0.1}


def municipality(rng: random.Random, number: int, activities: int, milestones: int) -> dict[str, str]:
    """File name → YAML text for one synthetic municipality."""
    naam = f"Gemeente {number:03d}"
    people = [{"sleutel": f"regisseur-{p}", "naam": f"Regisseur programma {p}", "rollen": ["regisseur"],
               "kanalen": [f"mailto://regisseur{p}.g{number:03d}@example.org"]}
              for p in range(1, PROGRAMMAS + 1)]
    people.append({"sleutel": "coordinator", "naam": "Coördinator", "rollen": ["coordinator"],
                   "kanalen": [f"mailto://coordinator.g{number:03d}@example.org"]})
    files = {"personen.yaml": _dump({"personen": people})}
    per_programme = activities // PROGRAMMAS
    counter = 0
    for p in range(1, PROGRAMMAS + 1):
        items = []
        for _ in range(per_programme if p < PROGRAMMAS else activities - per_programme * (PROGRAMMAS - 1)):
            counter += 1
            items.append({
                "id": f"activiteit-{counter}",
                "titel": f"Activiteit {counter} van programma {p}",
                "status": rng.choice(STATUS),
                "soort": rng.choice(ACTIVITEIT_SOORT),
                "velden": {"toelichting": "Synthetische toelichting " * 3,
                           "tijdpad": "Collegebesluit september 2020.",
                           "monitoring": "Kwartaalrapportages aan het college."},
                "bedragen": [{"bedrag": rng.randrange(1_000, 500_000), "per": "jaar", "bron": "per jaar"}],
                "mijlpalen": [_milestone(rng, m) for m in range(milestones)],
                "monitoring": {"ritme": "kwartaal", "bron": "Kwartaalrapportages", "zeker": True},
            })
        data = {"gemeente": naam,
                "programma": {"nummer": p, "titel": f"Programma {p}", "regisseur": f"regisseur-{p}"},
                "activiteiten": items}
        files[f"programma-{p}.yaml"] = _dump(data)
    return files


def generate(out: Path, *, gemeenten: int, activiteiten: int, mijlpalen: int, seed: int = 2019) -> int:
    """Write the register under ``out``; returns the number of milestones."""
    rng = random.Random(seed)
    for number in range(1, gemeenten + 1):
        directory = out / f"gemeente-{number:03d}"
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in municipality(rng, number, activiteiten, mijlpalen).items():
            (directory / name).write_text(text, encoding="utf-8")
    return gemeenten * activiteiten * mijlpalen


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--activiteiten", type=int, default=300)
    parser.add_argument("--mijlpalen", type=int, default=5)
    args = parser.parse_args()
    total = generate(args.out, gemeenten=args.gemeenten, activiteiten=args.activiteiten,
                     mijlpalen=args.mijlpalen)
    print(f"{total} mijlpalen geschreven naar {args.out}")
