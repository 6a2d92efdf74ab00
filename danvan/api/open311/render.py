"""GeoReport v2 documents as XML (required by the specification) and JSON (its Spark mapping).

The data is built once as plain Python: a dict is an element with child elements in
order, a list is a container whose repeated children take the singular name below,
``None`` is an empty element (``null`` in JSON), booleans are ``true``/``false``. The
Spark convention makes every container a JSON array, even with a single child.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from django.http import HttpResponse

XML_CONTENT_TYPE = "text/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

# Container → the name of each repeated child, as the specification spells them.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        item = ITEMS[element.tag]
        for child in value:
            _fill(ET.SubElement(element, item), child)
    else:
        element.text = _text(value)


def to_xml(root: str, data) -> str:
    element = ET.Element(root)
    _fill(element, data)
    ET.indent(element)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode") + "\n"


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def respond(fmt: str, root: str, data, *, status: int = 200, headers: dict | None = None) -> HttpResponse:
    if fmt == "xml":
        response = HttpResponse(
            to_xml(root, data).encode("utf-8"), content_type=XML_CONTENT_TYPE, status=status
        )
    else:
        response = HttpResponse(to_json(data).encode("utf-8"), content_type=JSON_CONTENT_TYPE, status=status)
    # Public, read-only data and anonymous submissions: any web client may call it.
    response["Access-Control-Allow-Origin"] = "*"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def errors(fmt: str, status: int, *descriptions: str, code: int | None = None, headers=None) -> HttpResponse:
    """The specification's error list: one ``{code, description}`` per problem."""
    items = [{"code": code or status, "description": text} for text in descriptions]
    return respond(fmt, "errors", items, status=status, headers=headers)
