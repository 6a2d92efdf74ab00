"""Writes of hot spots: the scan that turns findings into hot spots, and the officials' steps.

Every write is one function in one transaction that appends to the hot spot's timeline
(who, when, what, the figures then); django-auditlog keeps the field-level history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.petitions.models import Petition

from . import hotspot_rules as rules
from .models import (
    SEVERITY_RANK,
    Hotspot,
    HotspotEvent,
    HotspotEventKind,
    HotspotRecord,
    HotspotStatus,
)


@dataclass
class ScanResult:
    findings: int = 0
    created: list[int] = field(default_factory=list)
    worsened: list[int] = field(default_factory=list)
    refired: list[int] = field(default_factory=list)
    updated: int = 0

    @property
    def alerts(self) -> list[tuple[int, str]]:
        return (
            [(pk, HotspotEventKind.DETECTED) for pk in self.created]
            + [(pk, HotspotEventKind.WORSENED) for pk in self.worsened]
            + [(pk, HotspotEventKind.REFIRED) for pk in self.refired]
        )


def _event(hotspot: Hotspot, kind: str, *, actor=None, text: str = "", at=None) -> HotspotEvent:
    return HotspotEvent.objects.create(
        hotspot=hotspot,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        text=text,
        severity=hotspot.severity,
        figures=hotspot.figures,
    )


def _worse(hotspot: Hotspot, finding: rules.Finding, new_records: set[int]) -> bool:
    """More severe, or a quarter more records (at least two) than when last reported."""
    if SEVERITY_RANK[finding.severity] > SEVERITY_RANK[hotspot.severity]:
        return True
    before = int(hotspot.figures.get("_reported_records", 0) or 0)
    return len(new_records) >= 2 and len(finding.records) >= 1.25 * max(before, 1)


def _alert_later(result: ScanResult) -> None:
    if not result.alerts:
        return
    from . import tasks

    alerts = list(result.alerts)
    transaction.on_commit(lambda: [tasks.mail_hotspot_alert(pk, kind) for pk, kind in alerts])


@transaction.atomic
def record_findings(*, findings: list[rules.Finding], as_of: datetime.date, actor=None) -> ScanResult:
    """Create or update one hot spot per finding's key; a re-fire never opens a second one."""
    result = ScanResult(findings=len(findings))
    by_key = {f.key: f for f in findings}
    existing = {h.key: h for h in Hotspot.objects.select_for_update().filter(key__in=list(by_key))}
    known: dict[int, set[int]] = {}
    for start in range(0, len(existing), 500):
        chunk = [h.pk for h in list(existing.values())[start : start + 500]]
        for hotspot_id, petition_id in HotspotRecord.objects.filter(hotspot_id__in=chunk).values_list(
            "hotspot_id", "petition_id"
        ):
            known.setdefault(hotspot_id, set()).add(petition_id)
    links: list[HotspotRecord] = []
    for key, finding in by_key.items():
        hotspot = existing.get(key)
        figures = {**finding.figures, "as_of": as_of.isoformat()}
        if hotspot is None:
            hotspot = Hotspot.objects.create(
                key=key,
                rule=finding.rule,
                unit_id=finding.unit_id,
                topic_id=finding.topic_id,
                concern_id=finding.concern_id,
                title=finding.title[:255],
                severity=finding.severity,
                figures={**figures, "_reported_records": len(finding.records)},
                first_detected_on=as_of,
                last_detected_on=as_of,
            )
            _event(hotspot, HotspotEventKind.DETECTED, actor=actor, text=finding.title)
            links += [
                HotspotRecord(hotspot=hotspot, petition_id=pk, added_on=as_of) for pk in finding.records
            ]
            result.created.append(hotspot.pk)
            continue
        new_records = set(finding.records) - known.get(hotspot.pk, set())
        if not hotspot.is_open:
            if not new_records or as_of < (hotspot.closed_on or as_of):
                continue  # closed, and nothing new since: it stays closed
            kind = HotspotEventKind.REFIRED
            hotspot.status, hotspot.closed_on = HotspotStatus.NEW, None
            result.refired.append(hotspot.pk)
        elif _worse(hotspot, finding, new_records):
            kind = HotspotEventKind.WORSENED
            result.worsened.append(hotspot.pk)
        else:
            kind = None
            result.updated += 1
        reported = len(finding.records) if kind else hotspot.figures.get("_reported_records", 0)
        if (
            SEVERITY_RANK[finding.severity] > SEVERITY_RANK[hotspot.severity]
            or kind == HotspotEventKind.REFIRED
        ):
            hotspot.severity = finding.severity
        hotspot.figures = {**figures, "_reported_records": reported}
        hotspot.title = finding.title[:255]
        hotspot.last_detected_on = max(hotspot.last_detected_on, as_of)
        hotspot.save(
            update_fields=[
                "status",
                "closed_on",
                "severity",
                "figures",
                "title",
                "last_detected_on",
                "updated_at",
            ]
        )
        if kind:
            _event(hotspot, kind, actor=actor, text=finding.title)
        links += [
            HotspotRecord(hotspot=hotspot, petition_id=pk, added_on=as_of) for pk in sorted(new_records)
        ]
    HotspotRecord.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    _alert_later(result)
    return result


def scan(*, as_of: datetime.date | None = None, within=None, actor=None, rule_names=None) -> ScanResult:
    """Judge every rule as of the day (today by default) and write what fired."""
    as_of = as_of or timezone.localdate()
    findings = rules.judge_all(as_of, narrowing=rules.Narrowing(within=within), rules=rule_names)
    return record_findings(findings=findings, as_of=as_of, actor=actor)


def check_petition(*, petition_id: int, as_of: datetime.date | None = None) -> ScanResult:
    """The check after one new record: only what that record can change (its place × topic, its sender)."""
    petition = Petition.objects.select_related("unit").filter(pk=petition_id).first()
    if petition is None:
        return ScanResult()
    as_of = as_of or timezone.localdate()
    thresholds = rules.Thresholds.load()
    place = petition.unit.parent_id if petition.unit.level == "hamlet" else petition.unit_id
    narrow_place = rules.Narrowing(place_id=place, topic_id=petition.topic_id, topic_set=True)
    narrow_record = rules.Narrowing(petition_ids=[petition.pk])
    findings = rules.judge_surge(as_of, narrowing=narrow_place, thresholds=thresholds)
    if petition.people_count:
        findings += rules.judge_crowd(as_of, narrowing=rules.Narrowing(place_id=place), thresholds=thresholds)
    if petition.competent_level:
        findings += rules.judge_skipped_level(as_of, narrowing=narrow_record, thresholds=thresholds)
    if petition.citizen_name:
        sender = rules.Narrowing(
            sender={
                "citizen_name": petition.citizen_name,
                "citizen_phone": petition.citizen_phone,
                "citizen_email": petition.citizen_email,
                "citizen_address": petition.citizen_address,
            }
        )
        findings += rules.judge_repeated(as_of, narrowing=sender, thresholds=thresholds)
    findings += rules._repeated_concerns(as_of, narrow_record, thresholds)
    return record_findings(findings=findings, as_of=as_of) if findings else ScanResult()


# --- officials' steps ----------------------------------------------------------------------------

TRANSITIONS = {
    HotspotEventKind.WATCHING: ({HotspotStatus.NEW}, HotspotStatus.WATCHING),
    HotspotEventKind.HANDLED: ({HotspotStatus.NEW, HotspotStatus.WATCHING}, HotspotStatus.HANDLED),
    HotspotEventKind.CLOSED: ({HotspotStatus.HANDLED}, HotspotStatus.CLOSED),
}


def may_act(user, hotspot: Hotspot) -> bool:
    """Board, handlers and administrators of the hot spot's unit or above."""
    return scoping.can(user, Capability.HANDLE, hotspot.unit)


def _lock(actor, hotspot: Hotspot) -> Hotspot:
    locked = Hotspot.objects.select_for_update().select_related("unit").get(pk=hotspot.pk)
    if not may_act(actor, locked):
        raise PermissionDenied(_("Bạn không có quyền xử lý điểm nóng này."))
    return locked


@transaction.atomic
def hotspot_step(*, actor, hotspot: Hotspot, kind: str, note: str = "") -> Hotspot:
    """Move a hot spot one step: watch it, mark it handled (with a note), close it."""
    hotspot = _lock(actor, hotspot)
    if kind not in TRANSITIONS:
        raise ValidationError(_("Thao tác không hợp lệ."), code="illegal_transition")
    sources, target = TRANSITIONS[kind]
    if hotspot.status not in sources:
        raise ValidationError(
            _("Không thể chuyển điểm nóng từ “%(status)s”.") % {"status": hotspot.get_status_display()},
            code="illegal_transition",
        )
    note = (note or "").strip()
    if kind == HotspotEventKind.HANDLED and not note:
        raise ValidationError({"note": _("Hãy ghi rõ đã xử lý thế nào.")})
    hotspot.status = target
    fields = ["status", "updated_at"]
    if kind == HotspotEventKind.HANDLED:
        hotspot.note = note
        fields.append("note")
    if kind == HotspotEventKind.CLOSED:
        hotspot.closed_on = timezone.localdate()
        fields.append("closed_on")
    if hotspot.owner_id is None and actor.is_authenticated:
        hotspot.owner = actor
        fields.append("owner")
    hotspot.save(update_fields=fields)
    _event(hotspot, kind, actor=actor, text=note)
    return hotspot


@transaction.atomic
def hotspot_assign(*, actor, hotspot: Hotspot, owner) -> Hotspot:
    hotspot = _lock(actor, hotspot)
    if owner is not None and not scoping.can(owner, Capability.VIEW, hotspot.unit):
        raise ValidationError({"owner": _("Người được giao phải thuộc đơn vị này hoặc cấp trên.")})
    hotspot.owner = owner
    hotspot.save(update_fields=["owner", "updated_at"])
    _event(hotspot, HotspotEventKind.ASSIGNED, actor=actor, text=str(owner or "—"))
    return hotspot


@transaction.atomic
def hotspot_note(*, actor, hotspot: Hotspot, text: str) -> HotspotEvent:
    hotspot = _lock(actor, hotspot)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"note": _("Trường này không được để trống.")})
    return _event(hotspot, HotspotEventKind.NOTE, actor=actor, text=text[:2000])


def on_petition_received(sender, *, petition: Petition, **kwargs) -> None:
    """Check the new record once the intake has committed, in the background: intake never waits."""
    from . import tasks

    petition_id = petition.pk
    transaction.on_commit(lambda: tasks.check_new_petition(petition_id))
