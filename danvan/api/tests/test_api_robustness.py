"""Hostile input on every operation of the OpenAPI document: never a server error, never an off-schema answer.

A deterministic companion to the schemathesis run (which needs the schemathesis
package): each operation gets the inputs that break databases and parsers — NUL
characters, lone surrogates, integers past 64 bits, impossible dates, wrong types,
empty bodies — in every parameter and body field, and each answer is validated
against the response schema the document declares for its status code.
"""

import json

from danvan.api.v1 import openapi_document
from danvan.meetings.tests.factories import held
from danvan.petitions.tests.factories import receive

from .schemacheck import errors

HOSTILE_STRINGS = [
    "\x00",
    "a\x00b",
    "\ud800",
    "",
    " ",
    "x" * 5000,
    "ñ" * 300,
    "../..",
    "1; DROP TABLE",
    "９０",
]
HOSTILE_NUMBERS = [0, -1, 2**63, 2**70, 1.5, "1e400", "NaN", True]
HOSTILE_QUERY = [
    "\x00",
    "-1",
    "0",
    "99999999999999999999999",
    "2025-02-30",
    "9999-12-31",
    "0001-01-01",
    "true",
    "x" * 300,
]


def _sample(schema: dict, components: dict):
    """A valid-looking value for a schema, to carry one hostile field at a time."""
    if "$ref" in schema:
        return _sample(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    if "anyOf" in schema:
        return _sample(schema["anyOf"][0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {k: _sample(v, components) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [_sample(schema["items"], components)]
    if kind == "integer":
        return 1
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return "2026-03-10T08:00:00+07:00"
    if schema.get("format") == "date":
        return "2026-03-10"
    return "90001"


def _bodies(operation: dict, components: dict):
    body = operation.get("requestBody")
    if not body:
        return [None]
    schema = body["content"]["application/json"]["schema"]
    valid = _sample(schema, components)
    bodies = [{}, [], "not an object", valid]
    for field in valid:
        for value in [*HOSTILE_STRINGS[:4], *HOSTILE_NUMBERS[2:5], None, {"nested": 1}]:
            bodies.append({**valid, field: value})
    return bodies


def _check(document, client, method, path, operation, response):
    where = f"{method.upper()} {path} → {response.status_code}"
    assert response.status_code < 500, where
    declared = operation["responses"].get(str(response.status_code))
    if declared is None or response["Content-Type"].split(";")[0] != "application/json":
        return
    schema = declared["content"]["application/json"]["schema"]
    problems = errors(response.json(), schema, document)
    assert not problems, f"{where}: {problems[:5]}"


def test_it_survives_hostile_input_on_every_operation(personas, api):
    receive(personas)
    held(personas)
    document = openapi_document()
    components = document["components"]["schemas"]
    client = api(personas.province_board)
    calls = 0
    for template, operations in document["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            path_values = {p["name"]: "1" for p in params if p["in"] == "path"}
            hostile_paths = [path_values] + [
                {**path_values, name: str(bad)} for name in path_values for bad in [0, 2**70, "x", "%00"]
            ]
            for values in hostile_paths:
                path = template.format(**values)
                queries = [{}] + [
                    {p["name"]: bad} for p in params if p["in"] == "query" for bad in HOSTILE_QUERY
                ]
                for query in queries if values is path_values else [{}]:
                    for body in _bodies(operation, components) if method == "post" else [None]:
                        if method == "get":
                            response = client.get(path, query)
                        else:
                            raw = json.dumps(body) if body is not None else ""
                            response = client.client.post(
                                path
                                + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""),
                                raw,
                                content_type="application/json",
                                headers=client.headers,
                            )
                        _check(document, client, method, template, operation, response)
                        calls += 1
    assert calls > 500
