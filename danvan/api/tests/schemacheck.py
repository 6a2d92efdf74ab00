"""A small JSON Schema validator for the Open311 schemas, and the Spark mapping of their XML.

It implements the keywords those schemas, and the REST API's OpenAPI 3.1 schemas, use (a
subset of draft 2020-12): local ``$ref`` (``#/$defs/…``, ``#/components/schemas/…``),
``type``, ``enum``, ``const``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``minItems``, ``maxItems``, ``contains``, ``minLength``,
``maxLength``, ``pattern``, ``minimum``, ``maximum``, ``anyOf``, ``oneOf``, ``not``,
``if``/``then``. Any other keyword is refused, so a schema cannot silently ask for a
check this validator does not make. Where the ``jsonschema`` package is installed the
tests also validate with it, as a second opinion.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "open311_schemas"
ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "$comment", "format", "examples", "default"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def load(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


def errors(instance, schema: dict, root: dict | None = None, at: str = "$") -> list[str]:
    """Every violation of ``schema`` by ``instance``, as "path: problem" lines."""
    root = root if root is not None else schema
    found: list[str] = []
    unknown = set(schema) - ANNOTATIONS - set(CHECKS)
    if unknown:
        raise ValueError(f"{at}: keywords this validator does not implement: {sorted(unknown)}")
    for keyword, argument in schema.items():
        if keyword in CHECKS:
            found.extend(CHECKS[keyword](instance, argument, schema, root, at))
    return found


def _ref(instance, ref, schema, root, at):
    if not ref.startswith("#/"):
        raise ValueError(f"{at}: only local references are supported, not {ref}")
    target = root
    for part in ref[2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return errors(instance, target, root, at)


def _type(instance, expected, schema, root, at):
    names = expected if isinstance(expected, list) else [expected]
    return [] if any(TYPES[n](instance) for n in names) else [f"{at}: {instance!r} is not of type {expected}"]


def _enum(instance, options, schema, root, at):
    return [] if any(_same(instance, o) for o in options) else [f"{at}: {instance!r} not in {options}"]


def _const(instance, value, schema, root, at):
    return [] if _same(instance, value) else [f"{at}: {instance!r} is not {value!r}"]


def _same(a, b) -> bool:
    return (type(a) is type(b) and a == b) or (TYPES["number"](a) and TYPES["number"](b) and a == b)


def _properties(instance, properties, schema, root, at):
    if not isinstance(instance, dict):
        return []
    return [
        e for k, s in properties.items() if k in instance for e in errors(instance[k], s, root, f"{at}.{k}")
    ]


def _required(instance, names, schema, root, at):
    if not isinstance(instance, dict):
        return []
    return [f"{at}: missing required {name!r}" for name in names if name not in instance]


def _additional(instance, allowed, schema, root, at):
    if not isinstance(instance, dict):
        return []
    extra = [k for k in instance if k not in schema.get("properties", {})]
    if allowed is False:
        return [f"{at}: unexpected property {k!r}" for k in extra]
    if isinstance(allowed, dict):
        return [e for k in extra for e in errors(instance[k], allowed, root, f"{at}.{k}")]
    return []


def _items(instance, item_schema, schema, root, at):
    if not isinstance(instance, list):
        return []
    return [e for i, item in enumerate(instance) for e in errors(item, item_schema, root, f"{at}[{i}]")]


def _min_items(instance, n, schema, root, at):
    return [f"{at}: fewer than {n} items"] if isinstance(instance, list) and len(instance) < n else []


def _max_items(instance, n, schema, root, at):
    return [f"{at}: more than {n} items"] if isinstance(instance, list) and len(instance) > n else []


def _contains(instance, item_schema, schema, root, at):
    if not isinstance(instance, list) or any(not errors(i, item_schema, root, at) for i in instance):
        return []
    return [f"{at}: no item matches {item_schema}"]


def _min_length(instance, n, schema, root, at):
    return [f"{at}: shorter than {n}"] if isinstance(instance, str) and len(instance) < n else []


def _max_length(instance, n, schema, root, at):
    return [f"{at}: longer than {n}"] if isinstance(instance, str) and len(instance) > n else []


def _pattern(instance, pattern, schema, root, at):
    if isinstance(instance, str) and not re.search(pattern, instance):
        return [f"{at}: {instance!r} does not match {pattern}"]
    return []


def _minimum(instance, n, schema, root, at):
    return [f"{at}: {instance} < {n}"] if TYPES["number"](instance) and instance < n else []


def _maximum(instance, n, schema, root, at):
    return [f"{at}: {instance} > {n}"] if TYPES["number"](instance) and instance > n else []


def _any_of(instance, options, schema, root, at):
    if any(not errors(instance, o, root, at) for o in options):
        return []
    return [f"{at}: matches none of anyOf"]


def _one_of(instance, options, schema, root, at):
    matching = sum(1 for o in options if not errors(instance, o, root, at))
    return [] if matching == 1 else [f"{at}: matches {matching} of oneOf, not exactly one"]


def _not(instance, forbidden, schema, root, at):
    return [f"{at}: matches a forbidden schema"] if not errors(instance, forbidden, root, at) else []


def _if(instance, condition, schema, root, at):
    if errors(instance, condition, root, at):
        return []
    return errors(instance, schema.get("then", {}), root, at)


CHECKS = {
    "$ref": _ref,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "items": _items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "contains": _contains,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "minimum": _minimum,
    "maximum": _maximum,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
    "then": lambda *args: [],  # applied by "if"
}


def assert_valid(instance, name: str) -> None:
    """Fail with every violation of ``open311_schemas/<name>.json``."""
    problems = errors(instance, load(name))
    assert not problems, f"{name}: " + "; ".join(problems[:10])


# --- XML → JSON by the Spark convention, from the specification ------------------------------------

# The containers of GeoReport v2 and Service Discovery: always arrays in JSON, even with one child.
CONTAINERS = {"services", "service_requests", "errors", "attributes", "values", "endpoints", "formats"}


def spark(element: ET.Element):
    """An XML element as the JSON the specification derives from it (leaves stay strings)."""
    children = list(element)
    if element.tag in CONTAINERS:
        return [spark(child) for child in children]
    if children:
        return {child.tag: spark(child) for child in children}
    return element.text or ""


def as_strings(value):
    """A JSON document with every leaf written as its XML text, to compare it with ``spark``."""
    if isinstance(value, dict):
        return {k: as_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_strings(v) for v in value]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
