"""Pydantic's complaints rewritten as plain sentences for a Secretariat officer.

The officer never sees "Input should be a valid frozenset": each error type becomes a sentence
that says what to write instead, listing the allowed values and suggesting the closest one.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterable
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from app.election_file_problems import YamlPath
from core.regulation import FieldProblem

LANGUAGE_NAMES = {"ru": "Russian", "kk": "Kazakh", "en": "English"}

_PATTERN_HINTS = {
    r"^[A-Z][A-Z0-9-]{1,15}$": "a group code is 2 to 16 capital Latin letters, digits or dashes, "
    "starting with a letter, like PLHIV or HIV-NGO",
    r"^[a-z0-9][a-z0-9-]{1,39}$": "a cycle code is small Latin letters, digits and dashes, "
    "like ccm-2024",
    r"^[a-z][a-z0-9_]{1,30}$": "a document code is small Latin letters, digits and underscores, "
    "like recommendation_letter",
}

_SIMPLE = {
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "int_from_float": "write a whole number (no fraction)",
    "string_type": "write text here",
    "string_too_short": "this must not be empty",
    "model_type": "this must be a block of settings (indented 'key: value' lines)",
    "dict_type": "this must be a block of settings (indented 'key: value' lines)",
    "tuple_type": "this must be a list (one '- item' per line, or [a, b])",
    "list_type": "this must be a list (one '- item' per line, or [a, b])",
    "frozen_set_type": "this must be a list (one '- item' per line, or [a, b])",
    "set_type": "this must be a list (one '- item' per line, or [a, b])",
}


def closest(word: str, known: Iterable[str]) -> str | None:
    """Return the known word the officer most probably meant, if any is close enough."""
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """Say that `key` is not a setting here, suggesting the nearest one."""
    known = sorted(known)
    guess = closest(key, known)
    if guess:
        return f"unknown setting '{key}'; did you mean '{guess}'?"
    if " " in key.strip():
        # Typically the tail of a name like {ru: Люди, живущие с ВИЧ}: the comma split it.
        return f"unknown setting '{key}'; inside {{ }} a text with a comma must be in quotes"
    return f"unknown setting '{key}'; the settings here are: {', '.join(known)}"


def missing_message(key: str | int) -> str:
    """Say that a required setting is absent."""
    if key in LANGUAGE_NAMES:
        return f"the {LANGUAGE_NAMES[str(key)]} name ({key}) is missing"
    return f"'{key}' is missing; it is required here"


def explain(model: type[BaseModel], error: ErrorDetails) -> tuple[YamlPath, str]:
    """Turn one pydantic error into (location inside the model input, plain message)."""
    loc: YamlPath = tuple(error["loc"])
    kind, ctx = error["type"], error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, FieldProblem):
        return (*loc, *cause.field), str(cause)
    if kind == "missing":
        return loc, missing_message(loc[-1] if loc else "a value")
    if kind == "extra_forbidden":
        return loc, unknown_key_message(str(loc[-1]), _known_fields(model, loc[:-1]))
    if kind == "enum":
        return loc, _enum_message(model, loc, error["input"])
    return loc, _plain_message(kind, ctx, error)


def _plain_message(kind: str, ctx: dict[str, Any], error: ErrorDetails) -> str:
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        return f"{error['input']!r} is too small: it must be at least {bound}"
    if kind in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        return f"{error['input']!r} is too large: it must be at most {bound}"
    if kind == "too_short":
        return f"list at least {ctx.get('min_length')} item(s) here"
    if kind == "too_long":
        return f"list at most {ctx.get('max_length')} item(s) here"
    if kind == "string_too_long":
        return f"this is too long: at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), "it does not have the expected form")
        return f"{error['input']!r} cannot be used: {hint}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"][0].lower() + error["msg"][1:]


def _enum_message(model: type[BaseModel], loc: YamlPath, written: Any) -> str:
    annotation = _annotation_at(model, loc)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        allowed = [str(member.value) for member in annotation]
        guess = closest(str(written), allowed)
        suggestion = f"; did you mean '{guess}'?" if guess else ""
        return f"'{written}' is not allowed here; write one of: {', '.join(allowed)}{suggestion}"
    return f"'{written}' is not one of the allowed values"


def _known_fields(model: type[BaseModel], loc: YamlPath) -> list[str]:
    annotation = _annotation_at(model, loc)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _annotation_at(model: type[BaseModel], loc: YamlPath) -> Any:
    """Follow model fields, list items and optional types along `loc` to the annotation there."""
    annotation: Any = model
    for step in loc:
        annotation = _unwrap(annotation)
        if isinstance(step, int):
            args = [arg for arg in get_args(annotation) if arg is not Ellipsis]
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(step)
            annotation = field.annotation if field else Any
        else:
            return Any
    return _unwrap(annotation)


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        else:
            return annotation
