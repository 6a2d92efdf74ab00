"""The OpenAPI document is served at /api/v1/openapi.json and committed, identical, at docs/openapi.json."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from danvan.api.v1 import OPENAPI_COPY, openapi_document, openapi_text


def test_it_keeps_the_committed_copy_up_to_date(db):
    assert OPENAPI_COPY.exists(), "docs/openapi.json is missing: run `python manage.py export_openapi`"
    assert OPENAPI_COPY.read_text(encoding="utf-8") == openapi_text(), (
        "docs/openapi.json is out of date: run `python manage.py export_openapi` and commit it"
    )


def test_it_serves_the_same_document(db):
    served = Client().get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert served == json.loads(OPENAPI_COPY.read_text(encoding="utf-8"))


def test_it_documents_auth_and_the_error_body_everywhere(db):
    document = openapi_document()
    assert set(document["components"]["securitySchemes"]) == {"TokenAuth", "BrowserSession"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("security"), f"{method} {path} has no security"
            errors = {code for code in operation["responses"] if code.startswith("4")}
            assert {"401", "422"} <= errors, f"{method} {path} documents {errors}"
            for code in errors:
                schema = operation["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)


def test_it_checks_and_refreshes_the_copy_with_a_command(db, tmp_path):
    target = tmp_path / "openapi.json"
    target.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="export_openapi"):
        call_command("export_openapi", "--check", "--output", str(target))
    call_command("export_openapi", "--output", str(target))
    assert target.read_text(encoding="utf-8") == openapi_text()
    call_command("export_openapi", "--check", "--output", str(target))


def test_it_gives_every_schema_a_name_of_its_own():
    """Two endpoint modules' schemas of one name share one OpenAPI component, and the document then
    describes one of them wrongly (the emulation model's decision once took democracy's shape)."""
    import collections
    import importlib
    import inspect
    import pkgutil

    from ninja import Schema

    from danvan.api import schemas
    from danvan.api.endpoints import __name__ as endpoints_name
    from danvan.api.endpoints import __path__ as endpoints_path

    modules = [schemas] + [
        importlib.import_module(f"{endpoints_name}.{m.name}") for m in pkgutil.iter_modules(endpoints_path)
    ]
    names = collections.Counter(
        name
        for module in modules
        for name, value in vars(module).items()
        if inspect.isclass(value) and issubclass(value, Schema) and value.__module__ == module.__name__
    )
    assert not [name for name, count in names.items() if count > 1]
