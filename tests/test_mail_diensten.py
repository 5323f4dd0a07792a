"""Apprise's mail services are mail: the reply sentence stays in what they send, and those that take
extra headers (Mailgun, SparkPost, SMTP2Go) carry the marks against automatic replies that every
mail of the service has (docs/outbox.md, "Replies"). Chat and push channels are not mail. The
services themselves cannot be reached from here: this checks the plugins Apprise builds from the
URLs, which is what the send hands them."""

from __future__ import annotations

import apprise
import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

MAIL = {
    "mailgun": "mailgun://noreply@gemeente.example.nl/key-abc123456789",
    "sparkpost": "sparkpost://noreply@gemeente.example.nl/abcdefghij1234",
    "smtp2go": "smtp2go://noreply@gemeente.example.nl/api-abcdefghij1234",
    "ses": "ses://noreply@gemeente.example.nl/AKIAIOSFODNN7EXAMPLE/wJalrXUtnFEMI/eu-west-1/",
    "sendgrid": "sendgrid://abcd:noreply@gemeente.example.nl",
    "mailto": "mailto://regie:geheim@gemeente.example.nl",
}
CHAT = {
    "json": "json://127.0.0.1:9/",
    "slack": "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ",
}


@pytest.mark.parametrize("url", [*MAIL.values(), *CHAT.values()], ids=[*MAIL, *CHAT])
def test_mail_services_are_mail_and_chat_is_not(url: str) -> None:
    from services.outbox.sending import as_automatic_mail, is_mail_plugin

    plugin = as_automatic_mail(url, (("Anna de Boer", "anna@gemeente.example.nl"),))
    assert not isinstance(plugin, str), url  # Apprise read the URL
    assert is_mail_plugin(plugin) == (url in MAIL.values()), type(plugin).__module__


@pytest.mark.parametrize("service", ["mailgun", "sparkpost", "smtp2go", "mailto"])
def test_mail_services_that_take_headers_carry_the_automatic_marks_on_a_copy(service: str) -> None:
    from services.outbox.sending import as_automatic_mail
    from services.outbox.smtp import AUTOMATIC

    shared = apprise.Apprise.instantiate(MAIL[service])  # a route's plugin, shared by the sending threads
    before = dict(shared.headers)
    marked = as_automatic_mail(shared, ())
    assert marked is not shared and shared.headers == before
    assert {k: marked.headers[k] for k, _ in AUTOMATIC} == dict(AUTOMATIC)


def test_a_chat_channel_is_handed_over_as_it_is() -> None:
    from services.outbox.sending import as_automatic_mail

    plugin = apprise.Apprise.instantiate(CHAT["json"])
    before = dict(plugin.headers)
    assert as_automatic_mail(plugin, ()) is plugin and plugin.headers == before
