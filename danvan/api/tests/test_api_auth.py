"""Who may call the REST API: a token, or a logged-in browser session with CSRF for writes."""

from django.test import Client

from danvan.api import services

from .conftest import ApiClient


def test_it_answers_401_with_the_error_body_without_credentials(personas):
    response = Client().get("/api/v1/petitions")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert body["message"] and body["message_en"] and body["message"] != body["message_en"]


def test_it_refuses_a_wrong_token_even_with_a_session(personas):
    client = personas.client(personas.officer_a)
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer dv_not-a-token"})
    assert response.status_code == 401
    assert ApiClient("dv_not-a-token").post("/api/v1/petitions", {}).status_code == 401


def test_it_accepts_the_browser_session_for_reading(personas):
    response = personas.client(personas.officer_a).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "xa.a"


def test_it_asks_the_browser_session_for_csrf_when_writing(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.officer_a)
    body = {"unit_code": "90001", "channel": "phone", "title": "Đèn đường hỏng", "text": "Đèn ấp 3 hỏng."}
    refused = client.post("/api/v1/petitions", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"

    client.get("/tai-khoan/api-token/")  # any page that sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/petitions", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201


def test_it_serves_the_openapi_document_without_credentials(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "danvan API"


def test_it_shows_what_the_token_reaches(personas):
    me = ApiClient(services.token_create(user=personas.province_board, name="x").secret).get("/api/v1/me")
    assert me.json()["memberships"][0]["unit"]["code"] == "90"
    assert me.json()["memberships"][0]["role"] == "board"
