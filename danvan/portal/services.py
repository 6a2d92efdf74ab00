"""The portal's writes: a citizen's submission, all or nothing."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan import uploads
from danvan.petitions.choices import Channel, Kind
from danvan.petitions.models import Attachment, Topic
from danvan.petitions.services import Receipt, petition_receive
from danvan.units.choices import Level
from danvan.units.models import Unit

PORTAL_LEVELS = (Level.COMMUNE, Level.HAMLET)


def _check_unit(unit: Unit, today: datetime.date) -> None:
    if unit.level not in PORTAL_LEVELS or not unit.is_valid_on(today):
        raise ValidationError({"commune": _("Hãy chọn xã, phường (và thôn, tổ dân phố nếu có) hiện hành.")})


def portal_submit(
    *,
    unit: Unit,
    kind: str,
    title: str,
    text: str,
    topic: Topic | None = None,
    citizen_name: str = "",
    citizen_phone: str = "",
    citizen_email: str = "",
    citizen_address: str = "",
    attachment: UploadedFile | None = None,
) -> Receipt:
    """Receive a citizen's petition from the portal, with its attachment, in one transaction.

    The attachment is checked before anything is written; if storing it fails, the
    petition is rolled back with it and the stored file removed: never half a record.
    """
    _check_unit(unit, timezone.localdate())
    if topic is not None and topic.parent_id is None:
        raise ValidationError({"topic": _("Hãy chọn một lĩnh vực cụ thể trong nhóm.")})
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Loại ý kiến không hợp lệ.")})
    content_type = uploads.check_upload(attachment) if attachment is not None else None
    stored: Attachment | None = None
    try:
        with transaction.atomic():
            receipt = petition_receive(
                actor=None,
                channel=Channel.PORTAL,
                unit=unit,
                kind=kind,
                topic=topic,
                title=title,
                text=text,
                citizen_name=citizen_name,
                citizen_phone=citizen_phone,
                citizen_email=citizen_email,
                citizen_address=citizen_address,
            )
            if attachment is not None:
                stored = Attachment(
                    petition=receipt.petition,
                    original_name=(attachment.name or "")[:255] or uploads.storage_name("", content_type),
                    content_type=content_type,
                    size=attachment.size,
                    is_public=False,
                )
                attachment.seek(0)
                stored.file.save(uploads.storage_name(attachment.name, content_type), attachment, save=False)
                stored.save()
    except BaseException:
        if stored is not None and stored.file.name:
            stored.file.storage.delete(stored.file.name)
        raise
    return receipt
