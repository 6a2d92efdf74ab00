"""The small JSON Schema validator fails where it must, so the Open311 checks built on it can fail."""

import importlib.util

import pytest

from .schemacheck import SCHEMAS, as_strings, errors, load, spark

GOOD_REQUEST = {
    "service_request_id": "PA23456789",
    "status": "open",
    "requested_datetime": "2026-03-10T08:00:00+07:00",
    "lat": 9.79,
    "long": 106.45,
}


def test_it_accepts_a_good_document_and_names_each_violation():
    schema = load("service_requests")
    assert errors([GOOD_REQUEST], schema) == []
    assert errors([{**GOOD_REQUEST, "status": "answered"}], schema)
    assert errors([{**GOOD_REQUEST, "requested_datetime": "2026-03-10T08:00:00"}], schema)  # no time zone
    assert errors([{**GOOD_REQUEST, "lat": 91}], schema)
    assert errors([{**GOOD_REQUEST, "citizen_name": "Nguyễn Văn A"}], schema)
    assert errors([{k: v for k, v in GOOD_REQUEST.items() if k != "status"}], schema)
    assert errors({"service_requests": [GOOD_REQUEST]}, schema)  # Spark: a bare array


def test_it_checks_the_either_or_of_a_created_request():
    schema = load("request_created")
    assert errors([{"service_request_id": "PA1", "service_notice": None}], schema) == []
    assert errors([{"token": "t1"}], schema) == []
    assert errors([{"service_request_id": "PA1", "token": "t1"}], schema)
    assert errors([{"service_notice": "x"}], schema)


def test_it_requires_values_for_list_attributes():
    schema = load("service_definition")
    attribute = {"variable": True, "code": "k", "datatype": "singlevaluelist", "required": False, "order": 1}
    attribute["description"] = "Loại"
    assert errors({"service_code": "x", "attributes": [attribute]}, schema)
    attribute["values"] = [{"key": "a", "name": "A"}]
    assert errors({"service_code": "x", "attributes": [attribute]}, schema) == []


def test_it_refuses_keywords_it_does_not_implement():
    with pytest.raises(ValueError, match="does not implement"):
        errors("x", {"type": "string", "dependentSchemas": {}})


def test_it_maps_xml_to_json_by_the_spark_convention():
    import xml.etree.ElementTree as ET

    element = ET.fromstring(
        "<service_requests><request><service_request_id>PA1</service_request_id><lat>9.5</lat>"
        "<status_notes/></request></service_requests>"
    )
    assert spark(element) == [{"service_request_id": "PA1", "lat": "9.5", "status_notes": ""}]
    assert as_strings(
        [{"service_request_id": "PA1", "lat": 9.5, "status_notes": None, "metadata": True}]
    ) == [{"service_request_id": "PA1", "lat": "9.5", "status_notes": "", "metadata": "true"}]


@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None,
    reason="jsonschema is not installed: pip install jsonschema==4.26.0 to check the schemas themselves",
)
def test_it_ships_schemas_that_are_valid_draft_2020_12():
    import jsonschema

    for path in sorted(SCHEMAS.glob("*.json")):
        jsonschema.Draft202012Validator.check_schema(load(path.stem))
    validator = jsonschema.Draft202012Validator(load("service_requests"))
    assert validator.is_valid([GOOD_REQUEST])
    assert not validator.is_valid([{**GOOD_REQUEST, "status": "answered"}])
