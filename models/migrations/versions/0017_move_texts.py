"""voortgang.tekst: no text made from a move

A move without words (`regie verplaats`, a new date on the answer page) stored a sentence made by the
system as the answer's text: "Nieuwe datum voor X: 28 mei 2021 (was 7 mei 2021): <reden>". The report,
the overview and the answer page then quoted the whole sentence as the regisseur's own words. A move
now stores no text: those views say what the answer did from the history (which holds the move and its
reason), and quote only the reason. Such texts recorded before are cleared; the history keeps them.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 15:30:00
"""

from __future__ import annotations

from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # services/checkins/moved_text.GEMAAKT: how every such text began (a person's own words never did:
    # a text of theirs starting so was already treated as the system's, replaced by the next move)
    op.execute("UPDATE voortgang SET tekst = NULL WHERE tekst LIKE 'Nieuwe datum voor %'")


def downgrade() -> None:
    pass  # the sentences are not made again: the history holds every move with its reason
