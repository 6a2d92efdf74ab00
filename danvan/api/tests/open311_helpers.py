"""Fetch a GeoReport resource in both formats and hold each to the specification."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from django.test import Client

from .schemacheck import as_strings, assert_valid, spark


def check_xml(response, root: str):
    """UTF-8 text/xml with the declaration the specification asks for; returns the root element."""
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    element = ET.fromstring(response.content)
    assert element.tag == root and not element.attrib  # schemaless, no namespace
    return element


def both(path: str, *, schema: str, root: str, expect: int = 200, client: Client | None = None, **params):
    """GET ``path`` as .json and .xml; validate the JSON and check the XML says the same."""
    client = client or Client()
    as_json = client.get(f"{path}.json", params)
    as_xml = client.get(f"{path}.xml", params)
    assert as_json.status_code == expect, as_json.content.decode()
    assert as_xml.status_code == expect, as_xml.content.decode()
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(as_json.content.decode("utf-8"))
    assert_valid(data, schema)
    assert spark(check_xml(as_xml, root)) == as_strings(data)
    return data


def post_both(data: dict, *, schema: str, root: str, expect: int = 200, client: Client | None = None):
    """POST the same submission as .json then .xml (two requests); validate each answer."""
    client = client or Client()
    answers = []
    for fmt in ("json", "xml"):
        response = client.post(f"/open311/v2/requests.{fmt}", data)
        assert response.status_code == expect, response.content.decode()
        if fmt == "json":
            body = json.loads(response.content.decode("utf-8"))
        else:
            body = spark(check_xml(response, root))
        answers.append(body)
    assert_valid(answers[0], schema)
    return answers
