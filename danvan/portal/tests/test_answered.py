import pytest
from django.test import Client
from django.urls import reverse

from danvan.petitions import services
from danvan.petitions.choices import Channel, Kind
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db
URL = "/cong-dan/da-tra-loi/"
IDENTITY = {
    "citizen_name": "Võ Thị Bí Mật",
    "citizen_phone": "0987654321",
    "citizen_email": "bimat@example.invalid",
    "citizen_address": "Số 99 đường Kín",
}


def answered(personas, *, unit=None, kind=Kind.PETITION, title="Đường ngập", answer="Xã đã nạo vét cống."):
    receipt = receive(personas, channel=Channel.PORTAL, unit=unit, kind=kind, title=title, **IDENTITY)
    handling = receipt.petition.handling_unit
    actor = personas.officer_a if handling == personas.tree.commune_a else personas.officer_b
    return services.petition_answer_on_spot(actor=actor, petition=receipt.petition, answer=answer)


def test_it_lists_answers_without_identities_or_denunciations(personas):
    assert reverse("portal:answered") == URL
    answered(personas, title="Đường ngập nước", answer="Xã đã nạo vét cống.")
    answered(personas, kind=Kind.DENUNCIATION, title="Tố cáo cán bộ thu tiền", answer="Đã xử lý tố cáo.")
    receive(personas, channel=Channel.PORTAL, title="Chưa trả lời", **IDENTITY)
    page = Client().get(URL).content.decode()
    assert "Đường ngập nước" in page and "Xã đã nạo vét cống." in page and "Xã An Bình" in page
    assert "Tố cáo cán bộ thu tiền" not in page and "Đã xử lý tố cáo." not in page
    assert "Chưa trả lời" not in page
    for value in IDENTITY.values():
        assert value not in page
    # Nor the petition's own text, which may name people, nor who answered it.
    assert "Đề nghị sửa chữa" not in page and personas.officer_a.username not in page
    assert "1 ý kiến đã được trả lời." in page


def test_it_filters_by_province_and_commune_through_the_picker(personas):
    t = personas.tree
    answered(personas, unit=t.commune_a, title="Ý kiến ở An Bình")
    answered(personas, unit=t.commune_b, title="Ý kiến ở Bình Yên")
    by_commune = Client().get(URL, {"province": t.province.pk, "commune": t.commune_b.pk}).content.decode()
    assert "Ý kiến ở Bình Yên" in by_commune and "Ý kiến ở An Bình" not in by_commune
    by_province = Client().get(URL, {"province": t.province.pk, "commune": ""}).content.decode()
    assert "Ý kiến ở Bình Yên" in by_province and "Ý kiến ở An Bình" in by_province
    assert f'<option value="{t.commune_a.pk}">Xã An Bình</option>' in by_province
    # A commune left over from another province is dropped, not an error.
    stale = Client().get(URL, {"province": t.province.pk, "commune": t.old_commune_1.pk})
    assert stale.status_code == 200 and "Ý kiến ở An Bình" in stale.content.decode()
    partial = Client().get(reverse("portal:communes"), {"province": t.province.pk, "all": "1"})
    assert partial.content.decode().startswith('<option value="">— Tất cả —</option>')


def test_it_pages_twenty_at_a_time(personas):
    for n in range(21):
        answered(personas, title=f"Kiến nghị số {n:02d}", answer=f"Trả lời số {n:02d}")
    first = Client().get(URL).content.decode()
    assert first.count("<article") == 20 and "Trang 1/2" in first and 'rel="next"' in first
    second = Client().get(URL, {"province": personas.tree.province.pk, "page": 2}).content.decode()
    assert second.count("<article") == 1 and "Kiến nghị số 00" in second
    assert f'href="?province={personas.tree.province.pk}&amp;page=1"' in second
