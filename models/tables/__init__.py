"""SQLModel tables. Column names follow the register contract (Dutch domain words).

Nothing is ever deleted by a load: rows that disappeared from the register get
``gearchiveerd_op`` so their history stays.

The tables live in modules by what they hold (``register``, ``progress``, ``messages``); importing
this package registers every one of them on the metadata (Alembic's env.py relies on that), and
``from models.tables import X`` works for each.
"""

from models.tables.messages import BundleDelivery, Delivery, Report, SentReminder
from models.tables.progress import CheckIn, Measurement, ProgressUpdate
from models.tables.register import (
    Activity,
    ActivityBase,
    Amount,
    Change,
    Indicator,
    Meeting,
    Milestone,
    MilestoneBase,
    Municipality,
    Person,
    Programme,
    Subsidy,
)

__all__ = [
    "Activity", "ActivityBase", "Amount", "BundleDelivery", "Change", "CheckIn", "Delivery", "Indicator",
    "Measurement", "Meeting", "Milestone", "MilestoneBase", "Municipality", "Person", "Programme",
    "ProgressUpdate", "Report", "SentReminder", "Subsidy",
]
