"""The direct links of a digest's item to the answer page ("Mijn activiteiten"): which quick answers
fit the item, and their addresses. One choice for the HTML part, the text part and the page's
prefill (web/app.py reads the same ``actie`` words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GEREED, DATUM, VOLGENS_PLAN, TOELICHTING = "gereed", "datum", "volgens-plan", "toelichting"
LABELS = {GEREED: "Gereed", DATUM: "Nieuwe datum", VOLGENS_PLAN: "Loopt volgens plan",
          TOELICHTING: "Toelichting"}


def answer_options(item: dict[str, Any]) -> list[tuple[str, str]]:
    """The quick answers that fit ``item`` as (page item, actie): ``m<id>`` a milestone, ``a<id>`` an
    activity. A milestone coming up: done, a new date, or on plan. Anything late (a milestone 170
    days overdue, a late grant account, a pilot's missing evaluation) is never offered "on plan":
    done and a new date where it is a milestone, and an explanation (the activity's text). Only the
    owner's own items have links: a regisseur or coordinator told of someone else's item answers
    nothing for them."""
    if item.get("rol", "eigenaar") != "eigenaar" or not item.get("activiteit_id"):
        return []
    plan = f"a{item['activiteit_id']}"
    regel = item.get("regel")
    milestone = f"m{item['onderwerp_id']}" if item.get("onderwerp") == "mijlpaal" else ""
    if regel == "datum-aangepast":  # a date a load replaced (replaced.py): give it again, nothing else
        return [(milestone, DATUM)] if milestone else []
    out = []
    if milestone and regel in ("vooraf", "te-laat"):
        out += [(milestone, GEREED), (milestone, DATUM)]
    elif milestone and regel == "pilot-evaluatie":  # "meld de mijlpaal gereed als er geen evaluatie nodig is"
        out.append((milestone, GEREED))
    out.append((plan, TOELICHTING) if item.get("te_laat") or regel == "te-laat" else (plan, VOLGENS_PLAN))
    return out


def answer_links(persoon_id: int, item: dict[str, Any], token: str | None = None,
                 link: Callable[[str | None, str | None], str] | None = None) -> list[tuple[str, str]]:
    """The item's direct links to the answer page (label, URL): they open the person's page with
    the item focused and prefilled; only the page's POST changes anything. ``token``: the
    message's signed token for the person, or ``link`` its web.links.personal_links (made once
    per message, not once per link)."""
    from web.links import make_token, personal_links

    options = answer_options(item)
    if not options:
        return []
    link = link or personal_links(token or make_token(persoon_id))
    return [(LABELS[actie], link(target, actie)) for target, actie in options]


def escape_html(text: str) -> str:
    """``text`` escaped for HTML exactly as markupsafe (Jinja's autoescape) escapes it, without
    making a Markup object per value."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


_LABELS_HTML = {actie: escape_html(label) for actie, label in LABELS.items()}


def item_actions(item: dict[str, Any], link: Callable[[str | None, str | None], str]) -> tuple[str, str]:
    """An item's answer links in one pass, as (the digest's HTML, already escaped: links joined by
    " · "; its text part: one indented line "  label: URL" each, without the last line's end);
    ("", "") for an item without links. ``link``: the message's web.links.personal_links. In the
    template they were six escapes and a loop per item, then a list of pairs read twice."""
    options = answer_options(item)
    if not options:
        return "", ""
    html, text = [], []
    for target, actie in options:
        url = link(target, actie)
        html.append(f'<a href="{_url_html(url)}">{_LABELS_HTML[actie]}</a>')
        text.append(f"  {LABELS[actie]}: {url}")
    return " · ".join(html), "\n".join(text)


def _url_html(url: str) -> str:
    """``escape_html(url)``; a link of the answer page has only its ``&`` to escape, one pass, not five."""
    if "<" in url or ">" in url or '"' in url or "'" in url:
        return escape_html(url)
    return url.replace("&", "&amp;")
