"""The blank submission form is rendered once and reused; a form with the visitor's input never is."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_reuses_the_rendered_blank_fields(client, tree):
    first = client.get("/cong-dan/gui-y-kien/")
    assert first.status_code == 200 and "Tỉnh Thử" in first.content.decode()
    second = client.get("/cong-dan/gui-y-kien/")
    assert second.content.decode().count('name="province"') == 1
    assert "Tỉnh Thử" in second.content.decode()


def test_it_never_shows_one_visitors_input_to_the_next(client, tree):
    client.get("/cong-dan/gui-y-kien/")
    refused = client.post("/cong-dan/gui-y-kien/", {"title": "Bí mật của người gửi", "text": ""})
    assert refused.status_code == 400 and "Bí mật của người gửi" in refused.content.decode()
    blank = client.get("/cong-dan/gui-y-kien/")
    assert "Bí mật của người gửi" not in blank.content.decode()
