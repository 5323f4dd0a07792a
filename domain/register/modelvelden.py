"""The fields a register model allows at a place in a file, and the empty block an unknown field
belongs to (a block whose fields were not indented under it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel


def allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``loc`` (the path of the parent mapping) in ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def empty_block_above(model: type[BaseModel], loc: Sequence[Any], data: Any) -> str | None:
    """The empty block just above an unknown field that would know it ('monitoring:' with nothing after
    it, then 'ritme: maand' in its column): the field belongs there but is not indented."""
    parent: Any = data
    for part in loc[:-1]:
        found = (isinstance(parent, list) and isinstance(part, int) and 0 <= part < len(parent)) or (
            isinstance(parent, dict) and part in parent)
        if not found:
            return None
        parent = parent[part]
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return None
    keys = list(parent)
    for key in reversed(keys[:keys.index(loc[-1])]):
        if parent[key] is None and loc[-1] in allowed_keys(model, (*loc[:-1], key)):
            return str(key)
    return None
