"""Every error has a stable code, a Vietnamese message and an English one, whatever the client's language."""

from danvan.api import errors
from danvan.petitions.tests.factories import receive


def test_it_maps_not_found_with_both_languages(personas, api):
    response = api(personas.officer_a).get("/api/v1/petitions/999999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy.", "message_en": "Not found."}


def test_it_names_the_fields_of_an_invalid_request(personas, api):
    response = api(personas.officer_a).post("/api/v1/petitions", {"channel": "fax", "title": ""})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert body["message_en"].startswith("The request is not valid: ")
    assert set(body["fields"]) >= {"channel", "title", "text"}
    assert body["fields"]["text"] == ["Trường này là bắt buộc."]


def test_it_reports_a_service_refusal_in_vietnamese_and_english(personas, api):
    petition = receive(personas).petition
    body = api(personas.officer_a).post(f"/api/v1/petitions/{petition.pk}/close", {}).json()
    # Closing a new petition is not a legal move; the lifecycle says why, in both languages.
    assert body["code"] == "illegal_transition"
    assert "Không thể “Kết thúc”" in body["message"]
    assert body["message_en"] and body["message_en"] != body["message"]


def test_it_translates_rendered_messages_through_the_catalogue(monkeypatch):
    catalogue = {
        "Ý kiến %(code)s": "Opinion %(code)s",
        "Ý kiến %(code)s vừa được người khác cập nhật.": "Opinion %(code)s was just updated.",
        "Không tìm thấy.": "Not found.",
    }
    monkeypatch.setattr(errors, "_english_catalogue", lambda: catalogue)
    errors._patterns.cache_clear()
    try:
        assert errors.to_english("Không tìm thấy.") == "Not found."
        # The longest matching message wins, not the first short one that happens to fit.
        assert (
            errors.to_english("Ý kiến PA123 vừa được người khác cập nhật.")
            == "Opinion PA123 was just updated."
        )
        assert errors.to_english("Một câu chưa dịch.") is None
    finally:
        errors._patterns.cache_clear()


def test_it_falls_back_to_the_codes_english_sentence(monkeypatch):
    monkeypatch.setattr(errors, "to_english", lambda message: None)
    body = errors.error_body("stale_version", "Một câu chưa có bản dịch.")
    assert body["message"] == "Một câu chưa có bản dịch."
    assert body["message_en"] == errors.ERRORS["stale_version"].message_en
