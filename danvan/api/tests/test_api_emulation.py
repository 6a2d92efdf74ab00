""" "Dân vận khéo" models through the API: the list with the UI's filters, the detail, the UI's scoping."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.emulation import defaults, services
from danvan.emulation.choices import Field, Kind
from danvan.emulation.tests.conftest import DECIDED, Emulation

from .test_api_activities import conforms

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
LIST = "/api/v1/emulation/models"


@pytest.fixture
def emulation(personas, settings, tmp_path) -> Emulation:
    """The default criteria sets and the movement's steps; evidence files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    defaults.install()
    return Emulation(personas=personas, appraiser=personas.province_board, commune_board=None)


@pytest.fixture
def models(emulation):
    """A recognised economic model of commune A, an open cultural one of A, an open one of commune B."""
    personas = emulation.personas
    recognised = emulation.recognised(name="Dân vận khéo trong làm đường giao thông nông thôn")
    services.model_add_evidence(
        actor=personas.officer_a,
        model=recognised,
        upload=SimpleUploadedFile("ảnh khánh thành.png", PNG),
        caption="Ngày khánh thành",
        is_public=True,
    )
    services.model_report_quarter(
        actor=personas.officer_a, model=recognised, year=2026, quarter=2, text="Làm thêm 1,2 km đường."
    )
    appraised = emulation.appraised(
        name="Tổ hòa giải ấp 3", field=Field.CULTURE_SOCIETY, kind=Kind.INDIVIDUAL, owner_name="Lê Văn Hòa"
    )
    of_b = emulation.register(
        name="Chi hội phụ nữ tiết kiệm", actor=personas.officer_b, unit=personas.tree.commune_b, year=2025
    )
    return recognised, appraised, of_b


def names(response) -> list[str]:
    return [m["name"] for m in response.json()["items"]]


def test_it_lists_the_models_with_the_uis_filters(personas, api, models):
    recognised, appraised, of_b = models
    client = api(personas.province_board)
    listed = client.get(LIST).json()
    assert listed["count"] == 3 and listed["page_size"] == 50
    item = next(m for m in listed["items"] if m["id"] == recognised.pk)
    assert item["status"] == "recognised" and item["status_label"] == "Được công nhận"
    assert item["field"] == "economy" and item["field_label"] == "Kinh tế"
    assert item["unit"]["code"] == "90001" and item["recognition_level"] == "province"
    assert (item["decision_number"], item["decision_date"]) == ("125-QĐ/TU", DECIDED.isoformat())
    assert item["award"] == "bang_khen" and item["award_label"] == "Bằng khen"

    assert set(names(client.get(LIST, {"unit": "90001"}))) == {recognised.name, appraised.name}
    assert names(client.get(LIST, {"unit": "90002"})) == [of_b.name]
    assert names(client.get(LIST, {"field": "culture_society"})) == [appraised.name]
    assert names(client.get(LIST, {"status": "recognised"})) == [recognised.name]
    assert set(names(client.get(LIST, {"status": "open"}))) == {appraised.name, of_b.name}
    assert names(client.get(LIST, {"status": "appraised"})) == [appraised.name]
    assert names(client.get(LIST, {"kind": "individual"})) == [appraised.name]
    assert names(client.get(LIST, {"recognition_level": "province"})) == [recognised.name]
    assert client.get(LIST, {"recognition_level": "commune"}).json()["count"] == 0
    assert names(client.get(LIST, {"year": 2025})) == [of_b.name]
    assert names(client.get(LIST, {"decided_year": DECIDED.year})) == [recognised.name]
    assert names(client.get(LIST, {"q": "hoa giai"})) == [appraised.name]
    page = client.get(LIST, {"sort": "name", "page_size": 1, "page": 2}).json()
    assert page["count"] == 3 and [m["name"] for m in page["items"]] == [recognised.name]


def test_it_shows_a_recognised_model_with_its_decision_scores_and_evidence(personas, api, models):
    recognised, _appraised, _of_b = models
    response = api(personas.officer_a).get(f"{LIST}/{recognised.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["decision_number"] == "125-QĐ/TU" and body["decision_date"] == DECIDED.isoformat()
    assert body["decision"]["number"] == "125-QĐ/TU" and body["decision"]["level"] == "province"
    assert body["decision"]["issuing_unit"]["code"] == "90"
    assert body["award"] == "bang_khen" and body["recognition_level_label"] == "Cấp tỉnh"
    assert body["self_score"] == 100.0 and body["appraisal_score"] == 90.0 and body["grade"]
    assert body["criteria_set"]["max_total"] == 100.0
    # Decided: the unit sees every score sheet.
    assert [a["kind"] for a in body["assessments"]] == ["appraisal", "self"]
    assert body["reports"] == [
        {
            "year": 2026,
            "quarter": 2,
            "text": "Làm thêm 1,2 km đường.",
            "submitted_at": body["reports"][0]["submitted_at"],
        }
    ]
    (evidence,) = body["evidence"]
    assert evidence["original_name"] == "ảnh khánh thành.png" and evidence["content_type"] == "image/png"
    assert evidence["size"] == len(PNG) and evidence["is_image"] and evidence["is_public"]
    # Metadata only: no file address anywhere in the answer.
    assert not {"url", "file", "path"} & set(evidence)
    assert "/media/" not in response.content.decode() and "emulation/2026" not in response.content.decode()


def test_it_hides_appraisals_from_the_unit_until_the_decision(personas, api, models):
    _recognised, appraised, _of_b = models
    unit_view = api(personas.officer_a).get(f"{LIST}/{appraised.pk}").json()
    assert [a["kind"] for a in unit_view["assessments"]] == ["self"]
    assert unit_view["decision"] is None and unit_view["decision_number"] is None
    board_view = api(personas.province_board).get(f"{LIST}/{appraised.pk}").json()
    assert [a["kind"] for a in board_view["assessments"]] == ["appraisal", "self"]


def test_it_hides_commune_as_models_from_commune_b(personas, api, models):
    recognised, appraised, of_b = models
    client = api(personas.officer_b)
    assert names(client.get(LIST)) == [of_b.name]
    assert client.get(LIST, {"unit": "90001"}).json()["count"] == 0
    for model in (recognised, appraised):
        response = client.get(f"{LIST}/{model.pk}")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client.get(f"{LIST}/{of_b.pk}").status_code == 200
    own = api(personas.officer_a)
    assert set(names(own.get(LIST))) == {recognised.name, appraised.name}
    assert own.get(f"{LIST}/{of_b.pk}").status_code == 404
    outsider = api(personas.outsider)
    assert outsider.get(LIST).json()["count"] == 0
    assert outsider.get(f"{LIST}/{recognised.pk}").status_code == 404


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"unit": "00000"}, "unit", "Không tìm thấy đơn vị có mã “00000”."),
        ({"status": "xyz"}, "status", "Giá trị không nằm trong danh sách cho phép."),
        ({"field": "sport"}, "field", "Giá trị không nằm trong danh sách cho phép."),
        ({"year": "1800"}, "year", "Giá trị quá nhỏ."),
        ({"year": "hai"}, "year", "Phải là số nguyên."),
        ({"sort": "-pk"}, "sort", "Giá trị không nằm trong danh sách cho phép."),
        ({"page_size": "1000"}, "page_size", "Giá trị quá lớn."),
    ],
)
def test_it_explains_wrong_filters_in_vietnamese(personas, api, query, field, message):
    response = api(personas.province_board).get(LIST, query)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and body["fields"] == {field: [message]}


def test_it_answers_404_for_a_model_that_does_not_exist(personas, api, emulation):
    response = api(personas.province_board).get(f"{LIST}/999999")
    assert response.status_code == 404 and response.json()["message"] == "Không tìm thấy."


def test_it_needs_a_token(personas, client):
    assert client.get(LIST).status_code == 401


def _keys_in(sample, actual, at: str = "$") -> list[str]:
    """Where ``actual`` lacks a key of ``sample`` (dicts and the first element of lists, recursively)."""
    if isinstance(sample, dict):
        if not isinstance(actual, dict):
            return [at]
        missing = [f"{at}.{k}" for k in sample if k not in actual]
        return missing + [
            p for k in sample if k in actual for p in _keys_in(sample[k], actual[k], f"{at}.{k}")
        ]
    if isinstance(sample, list) and sample and isinstance(actual, list) and actual:
        return _keys_in(sample[0], actual[0], f"{at}[0]")
    return []


def test_it_answers_the_detail_that_docs_api_md_shows(personas, api, models):
    # The test data of the curl test has no model, so this example is not run there: check its shape here.
    text = (Path(django_settings.BASE_DIR) / "docs" / "api.md").read_text(encoding="utf-8")
    match = re.search(
        r"```bash\n[^`]*/emulation/models/\$MODEL\"\n```\n\n```json\n(.*?)\n```", text, re.DOTALL
    )
    assert match, "docs/api.md lost the example of a model's detail"
    sample = json.loads(match.group(1))
    actual = api(personas.province_board).get(f"{LIST}/{models[0].pk}").json()
    assert not _keys_in(sample, actual)
    assert datetime.date.fromisoformat(actual["decision_date"]) == DECIDED


def test_it_answers_within_its_openapi_document(personas, api, models):
    for user in (personas.province_board, personas.officer_a):
        client = api(user)
        assert not conforms(client.get(LIST), "/api/v1/emulation/models", "get")
        for model in models[:2]:
            detail = client.get(f"{LIST}/{model.pk}")
            assert detail.status_code == 200
            assert not conforms(detail, "/api/v1/emulation/models/{model_id}", "get")
