"""Writes: keeping the similarity index current, and linking records as one concern."""

from __future__ import annotations

import logging
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.petitions import services as petitions
from danvan.petitions.models import Petition
from danvan.petitions.permissions import may_handle, may_record
from danvan.rawsql import insert_rows
from danvan.textproc import similarity
from danvan.textproc.corpus import reference_vocabulary

from .models import Concern, ConcernMember, SimilarityKey

log = logging.getLogger(__name__)


def petition_keys(*, title: str, text: str) -> list[int]:
    return similarity.keys(
        similarity.analyse(f"{title}. {text}"), reference_vocabulary(), limit=similarity.STORED_KEYS
    )


def index_petition(*, petition: Petition) -> int:
    """Write the petition's lookup keys; called inside the intake's transaction.

    One plain multi-row INSERT: every portal submission pays for it, and the ORM's bulk_create
    (model instances, RETURNING the ids nobody reads) doubled its cost."""
    keys = petition_keys(title=petition.title, text=petition.text)
    codes = (petition.pk, petition.province_code, petition.commune_code)
    insert_rows(
        SimilarityKey, ["key", "petition", "province_code", "commune_code"], [(k, *codes) for k in keys]
    )
    return len(keys)


def on_petition_received(sender, *, petition: Petition, **kwargs) -> None:
    index_petition(petition=petition)


def rebuild_index(*, batch_size: int = 5000, progress=None) -> dict:
    """Recompute every petition's keys (after a bulk load, or when the reference corpus changed).

    One transaction: a lookup during the rebuild sees the old index whole, never half of it.
    """
    started = time.perf_counter()
    count = keys = 0
    with transaction.atomic():
        SimilarityKey.objects.all().delete()
        last = 0
        while True:
            chunk = list(
                Petition.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "title", "text", "province_code", "commune_code")[:batch_size]
            )
            if not chunk:
                break
            rows = [
                SimilarityKey(key=key, petition_id=pk, province_code=province, commune_code=commune)
                for pk, title, text, province, commune in chunk
                for key in petition_keys(title=title, text=text)
            ]
            SimilarityKey.objects.bulk_create(rows, batch_size=5000)
            count += len(chunk)
            keys += len(rows)
            last = chunk[-1][0]
            if progress:
                progress(count)
    return {"petitions": count, "keys": keys, "seconds": round(time.perf_counter() - started, 2)}


def _require_link(actor, petition: Petition) -> None:
    if not (may_record(actor, petition) or may_handle(actor, petition)):
        raise PermissionDenied(
            _("Bạn không có quyền liên kết ý kiến %(code)s.") % {"code": petition.tracking_code}
        )


@transaction.atomic
def concern_link(*, actor, petition: Petition, other: Petition, title: str = "") -> Concern:
    """Link two records as one concern: each keeps its own timeline; nothing is merged.

    If one is already in a concern the other joins it; if both are, in different concerns,
    the later concern's records move into the earlier one.
    """
    if petition.pk == other.pk:
        raise ValidationError(_("Không thể liên kết một ý kiến với chính nó."))
    _require_link(actor, petition)
    _require_link(actor, other)
    memberships = {
        m.petition_id: m
        for m in ConcernMember.objects.select_for_update().filter(petition__in=[petition, other])
    }
    first, second = memberships.get(petition.pk), memberships.get(other.pk)
    if first and second and first.concern_id == second.concern_id:
        raise ValidationError(_("Hai ý kiến này đã thuộc cùng một vấn đề chung."))
    if first and second:
        keep, drop = sorted([first.concern, second.concern], key=lambda c: c.pk)
        ConcernMember.objects.filter(concern=drop).update(concern=keep)
        drop.delete()
        concern = keep
    elif first or second:
        concern = (first or second).concern
        ConcernMember.objects.create(concern=concern, petition=other if first else petition, added_by=actor)
    else:
        concern = Concern.objects.create(
            unit=petition.handling_unit, title=(title or petition.title)[:200], created_by=actor
        )
        ConcernMember.objects.create(concern=concern, petition=petition, added_by=actor)
        ConcernMember.objects.create(concern=concern, petition=other, added_by=actor)
    note = _("Liên kết là cùng một vấn đề với ý kiến %(code)s (vấn đề chung: %(title)s).")
    petitions.petition_note(
        actor=actor, petition=petition, text=note % {"code": other.tracking_code, "title": concern.title}
    )
    petitions.petition_note(
        actor=actor, petition=other, text=note % {"code": petition.tracking_code, "title": concern.title}
    )
    return concern


@transaction.atomic
def concern_unlink(*, actor, petition: Petition) -> None:
    """Take a record out of its concern; a concern left with one record ends."""
    _require_link(actor, petition)
    membership = ConcernMember.objects.select_for_update().filter(petition=petition).first()
    if membership is None:
        raise ValidationError(_("Ý kiến này không thuộc vấn đề chung nào."))
    concern = membership.concern
    membership.delete()
    petitions.petition_note(
        actor=actor,
        petition=petition,
        text=_("Tách khỏi vấn đề chung: %(title)s.") % {"title": concern.title},
    )
    if concern.members.count() < 2:
        concern.delete()
