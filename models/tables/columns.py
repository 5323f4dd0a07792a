"""Column helpers the tables share: timestamps, foreign keys, JSON and money."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, Numeric
from sqlmodel import Field

from models.types import AwareDateTime


def timestamp_field(**kwargs: Any) -> Any:
    nullable = kwargs.pop("nullable", True)
    return Field(sa_column=Column(AwareDateTime(), nullable=nullable), **kwargs)


def foreign_key(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    return Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey(target, ondelete="RESTRICT"), nullable=nullable, index=index
        ),
    )


def json_field(default: Any) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


def money_field(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(Numeric(14, 2), nullable=nullable))

