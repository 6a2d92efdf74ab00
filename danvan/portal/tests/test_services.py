import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from danvan.petitions.choices import Channel, EventKind, Kind, Status
from danvan.petitions.models import Attachment, Petition, PetitionEvent, Topic
from danvan.petitions.services import petition_check_pin
from danvan.portal.services import portal_submit
from danvan.uploads import DOCX, PDF

from .helpers import DOCX_BYTES, EXE_BYTES, PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def submit(personas, **extra):
    return portal_submit(
        unit=extra.pop("unit", personas.tree.commune_a),
        kind=extra.pop("kind", Kind.FEEDBACK),
        title=extra.pop("title", "Rác thải ven kênh"),
        text=extra.pop("text", "Rác thải đổ ven kênh ấp 2 gây ô nhiễm, đề nghị xã thu gom."),
        **extra,
    )


def test_it_receives_a_portal_petition_with_its_private_attachment(personas):
    topic = Topic.objects.get(code="rac-thai")
    receipt = submit(
        personas,
        topic=topic,
        citizen_name="Trần Thị Hoa",
        citizen_phone="0912345678",
        attachment=upload("Ảnh hiện trường.pdf", PDF_BYTES, "image/jpeg"),
    )
    petition = receipt.petition
    assert petition.channel == Channel.PORTAL and petition.created_by is None
    assert petition.status == Status.NEW and petition.topic == topic and petition.kind == Kind.FEEDBACK
    assert petition.handling_unit == personas.tree.commune_a
    assert len(receipt.pin) == 6 and receipt.pin.isdigit()
    assert petition_check_pin(tracking_code=petition.tracking_code, pin=receipt.pin) == petition
    [attachment] = petition.attachments.all()
    assert attachment.original_name == "Ảnh hiện trường.pdf"
    assert attachment.content_type == PDF and attachment.size == len(PDF_BYTES)
    assert attachment.is_public is False
    assert attachment.file.name.endswith("/anh-hien-truong.pdf")
    assert petition.tracking_code in attachment.file.name
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_it_accepts_a_word_document_and_a_hamlet(personas):
    from danvan.units.services import hamlets_create

    [hamlet] = hamlets_create(commune=personas.tree.commune_a, text="Ấp Mỹ Cẩm")
    petition = submit(personas, unit=hamlet, attachment=upload("don.docx", DOCX_BYTES)).petition
    assert petition.unit == hamlet and petition.handling_unit == personas.tree.commune_a
    assert petition.attachments.get().content_type == DOCX


def test_it_stores_nothing_when_the_attachment_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        submit(personas, attachment=upload("don.pdf", EXE_BYTES, "application/pdf"))
    assert "attachment" in error.value.message_dict
    assert not Petition.objects.exists() and not Attachment.objects.exists()


def test_it_stores_nothing_when_the_attachment_is_too_big(personas, settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        submit(personas, attachment=upload("don.pdf", PDF_BYTES + b"x" * 100))
    assert not Petition.objects.exists()


def test_it_rolls_the_petition_back_and_removes_the_file_when_storing_the_attachment_fails(
    personas, monkeypatch
):
    saved = []
    real_save = Attachment.save

    def save_then_fail(self, *args, **kwargs):
        saved.append(self.file.name)
        raise OSError("disk full")

    monkeypatch.setattr(Attachment, "save", save_then_fail)
    with pytest.raises(OSError):
        submit(personas, attachment=upload("don.pdf", PDF_BYTES))
    monkeypatch.setattr(Attachment, "save", real_save)
    assert saved and not default_storage.exists(saved[0])
    assert not Petition.objects.exists()
    assert not PetitionEvent.objects.filter(kind=EventKind.RECEIVED).exists()


@pytest.mark.parametrize("unit_name", ["province", "nation", "old_commune_1"])
def test_it_takes_only_a_current_commune_or_hamlet(personas, unit_name):
    with pytest.raises(ValidationError) as error:
        submit(personas, unit=getattr(personas.tree, unit_name))
    assert "commune" in error.value.message_dict
    assert not Petition.objects.exists()


def test_it_refuses_a_topic_group_and_an_unknown_kind(personas):
    with pytest.raises(ValidationError):
        submit(personas, topic=Topic.objects.get(code="moi-truong"))
    with pytest.raises(ValidationError):
        submit(personas, kind="rumour")
    assert not Petition.objects.exists()


def test_it_passes_the_petition_rules_through_in_vietnamese(personas):
    with pytest.raises(ValidationError) as error:
        submit(personas, title="   ")
    assert error.value.message_dict["title"] == ["Trường này không được để trống."]
