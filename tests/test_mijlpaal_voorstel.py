"""A mistyped milestone reference gets the milestone the user meant: the activity's part weighs first
(a prefix of an activity id, then close spelling), and several that fit are each named instead of one
confident wrong guess (`regie gereed werkplan-2020/evaluatie` said 'mantelzorg-waardering/evaluatie')."""

from __future__ import annotations

from domain.mijlpaalverwijzing import bedoelde_mijlpaal

WERKPLAN = "werkplan-2020-combinatiefunctionarissen"
PAREN = [("mantelzorg-waardering", "evaluatie"), (WERKPLAN, "evaluatie-werkplan-2019"),
         (WERKPLAN, "collegebesluit-werkplan-2020"), ("pilot-a", "evaluatie-pilot"),
         ("pilot-b", "evaluatie-pilot"), *((f"act-{n}", "start") for n in range(7))]


def test_the_activity_part_is_weighed_first() -> None:
    # the milestone part alone matched another activity's 'evaluatie' exactly
    assert bedoelde_mijlpaal("werkplan-2020/evaluatie", PAREN) == f" Bedoelt u '{WERKPLAN}/evaluatie-werkplan-2019'?"
    # an activity named by a part of its id: its own milestones, never one of another activity
    hint = bedoelde_mijlpaal("werkplan-2020/evalutie", PAREN)
    assert "mantelzorg" not in hint and f"'{WERKPLAN}/evaluatie-werkplan-2019'" in hint
    assert f"'{WERKPLAN}/collegebesluit-werkplan-2020'" in hint
    # close spelling of the activity, the milestone exact
    assert bedoelde_mijlpaal("mantelzorg-waardring/evaluatie", PAREN) == " Bedoelt u 'mantelzorg-waardering/evaluatie'?"


def test_several_that_fit_are_all_named_at_most_five() -> None:
    assert bedoelde_mijlpaal("pilot/evaluatie-pilot", PAREN) == (
        " Bedoelt u 'pilot-a/evaluatie-pilot' of 'pilot-b/evaluatie-pilot'?")
    hint = bedoelde_mijlpaal("act/start", PAREN)
    assert hint.startswith(" Bedoelt u een van deze: 'act-0/start', ") and "(of een van de 2 andere)?" in hint
    assert hint.count("/start'") == 5
    assert bedoelde_mijlpaal("zzz/qqq", PAREN) == ""


def test_regie_gereed_and_verplaats_suggest_the_milestone_meant(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    snapshot = db.snapshot()
    meant = f"Bedoelt u '{WERKPLAN}/evaluatie-werkplan-2019'?"
    for args in (("gereed", "werkplan-2020/evaluatie"),
                 ("verplaats", "werkplan-2020/evaluatie", "--naar", "2020-10-01", "--reden", "later")):
        outcome = regie(*args)
        said = " ".join(outcome.err.split())
        assert outcome.code == 2 and f"mijlpaal 'werkplan-2020/evaluatie' bestaat niet. {meant}" in said, said
    assert db.snapshot() == snapshot
