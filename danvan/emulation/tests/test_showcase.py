"""The public showcase: recognised models only, no scores, no login."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.emulation import services
from danvan.emulation.choices import Field

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_shows_recognised_models_per_unit_to_anyone(emu):
    recognised = emu.recognised()
    pending = emu.appraised(name="Mô hình đang xét", field=Field.CULTURE_SOCIETY)
    visitor = emu.personas.client()
    landing = visitor.get(reverse("emulation:showcase"))
    assert landing.status_code == 200
    page = landing.content.decode()
    assert "Tỉnh Thử" in page and recognised.name in page and pending.name not in page
    found = visitor.get(reverse("emulation:showcase"), {"q": "an binh"}).content.decode()
    assert "Xã An Bình" in found
    unit_page = visitor.get(reverse("emulation:showcase_unit", args=[emu.tree.commune_a.pk])).content.decode()
    assert recognised.name in unit_page and pending.name not in unit_page
    filtered = visitor.get(
        reverse("emulation:showcase_unit", args=[emu.tree.province.pk]), {"field": "culture_society"}
    ).content.decode()
    assert recognised.name not in filtered
    assert visitor.get(reverse("emulation:showcase_unit", args=[emu.tree.commune_b.pk])).status_code == 200


def test_it_shows_a_recognised_model_without_its_scores(emu):
    model = emu.recognised()
    visitor = emu.personas.client()
    page = visitor.get(reverse("emulation:showcase_model", args=[model.pk])).content.decode()
    assert model.name in page and "125-QĐ/TU" in page and "Ban Thường vụ Tỉnh ủy Thử" in page
    main = page.split("<main")[1].split("</main>")[0]
    assert "điểm" not in main.lower() and model.grade not in main
    pending = emu.appraised(name="Khác")
    assert visitor.get(reverse("emulation:showcase_model", args=[pending.pk])).status_code == 404


def test_it_serves_only_the_photos_the_unit_made_public(emu):
    model = emu.register()
    officer = emu.personas.officer_a
    public = services.model_add_evidence(
        actor=officer,
        model=model,
        upload=SimpleUploadedFile("a.png", PNG),
        caption="Khánh thành",
        is_public=True,
    )
    private = services.model_add_evidence(actor=officer, model=model, upload=SimpleUploadedFile("b.png", PNG))
    visitor = emu.personas.client()
    assert (
        visitor.get(reverse("emulation:showcase_photo", args=[public.pk])).status_code == 404
    )  # not yet recognised
    emu.self_assess(model)
    emu.appraise(model)
    emu.recognise(model)
    response = visitor.get(reverse("emulation:showcase_photo", args=[public.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert visitor.get(reverse("emulation:showcase_photo", args=[private.pk])).status_code == 404
    page = visitor.get(reverse("emulation:showcase_model", args=[model.pk])).content.decode()
    assert "Khánh thành" in page and reverse("emulation:showcase_photo", args=[private.pk]) not in page
    assert visitor.get(reverse("emulation:evidence", args=[private.pk])).status_code == 302
