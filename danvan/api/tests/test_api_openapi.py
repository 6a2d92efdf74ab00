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
