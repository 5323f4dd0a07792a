"""The daily check's count of what is neither late nor coming up, in words a coordinator reads: the
monitoring moments that ask for progress, questions for progress not answered after a week,
activities without progress for a while, and budgets over the threshold (one list for `regie
controle` and the Prefect summary artifact)."""

from __future__ import annotations

from collections.abc import Mapping

from domain.register.tekstcontrole import aantal
from domain.rules.instellingen import RegelInstellingen

# The rules counted as "other" (neither late nor coming up; tasks/artifacts.py), in the order said.
ANDERE_REGELS = ("monitoring", "uitvraag-herinnering", "stilstand", "budget")


def _periode(dagen: int) -> str:
    return aantal(dagen // 7, "week", "weken") if dagen % 7 == 0 else aantal(dagen, "dag", "dagen")


def andere_punten(per_regel: Mapping[str, int], overig: int, regels: RegelInstellingen) -> list[str]:
    """The other points by what they are, those that occur: '4 vragen om voortgang', '2 activiteiten
    6 weken of langer zonder voortgang', '1 budget voor 70% of meer besteed'; what no name here
    covers (a rule added later) is still counted, as 'andere punten'."""
    procent = format(regels.budget_drempel * 100, "f").rstrip("0").rstrip(".")
    words = {
        "monitoring": lambda n: aantal(n, "vraag om voortgang", "vragen om voortgang"),
        "uitvraag-herinnering": lambda n: f"{aantal(n, 'vraag', 'vragen')} om voortgang niet beantwoord",
        "stilstand": lambda n: f"{aantal(n, 'activiteit', 'activiteiten')} "
                               f"{_periode(regels.stilstand_dagen)} of langer zonder voortgang",
        "budget": lambda n: f"{aantal(n, 'budget', 'budgetten')} voor {procent}% of meer besteed",
    }
    parts = [words[regel](per_regel[regel]) for regel in ANDERE_REGELS if per_regel.get(regel)]
    rest = overig - sum(per_regel.get(regel, 0) for regel in ANDERE_REGELS)
    if rest > 0:
        parts.append(aantal(rest, "ander punt", "andere punten"))
    return parts
