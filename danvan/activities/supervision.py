"""Individual supervision activities and their recommendations, followed until settled.

They feed the supervision data set: ``recorded_counts`` counts them per organiser
for a unit and period, and the entry form offers those counts.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Unit

from .choices import Organiser, RecommendationStatus, Source, SupervisionKind
from .models import DataSet, Recommendation, SupervisionActivity
from .periods import Period, yyyymm
from .units import ancestor_codes

TEXT_MAX = 20_000


def _text(value: str, *, field: str, required: bool = True, max_length: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Trường này không được để trống.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Dài quá %(max)s ký tự.") % {"max": max_length}})
    return value


@transaction.atomic
def activity_record(
    *,
    actor,
    unit: Unit,
    organiser: str,
    kind: str,
    title: str,
    held_on: datetime.date,
    subject: str = "",
    findings: str = "",
    recommendations: list[tuple[str, str, datetime.date | None]] | None = None,
) -> SupervisionActivity:
    """Record one supervision or social-critique conference, with the recommendations it made."""
    scoping.require(actor, Capability.RECORD, unit)
    if organiser not in Organiser.values:
        raise ValidationError({"organiser": _("Chủ thể giám sát không hợp lệ.")})
    if kind not in SupervisionKind.values:
        raise ValidationError({"kind": _("Hình thức không hợp lệ.")})
    if unit.level in (Level.NATION, Level.HAMLET):
        raise ValidationError({"unit": _("Hãy chọn tỉnh, huyện hoặc xã thực hiện giám sát.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày thực hiện không được ở tương lai.")})
    if not unit.is_valid_on(held_on):
        raise ValidationError({"held_on": _("%(unit)s không tồn tại vào ngày này.") % {"unit": unit.name}})
    activity = SupervisionActivity.objects.create(
        unit=unit,
        organiser=organiser,
        kind=kind,
        title=_text(title, field="title", max_length=255),
        subject=_text(subject, field="subject", required=False, max_length=255),
        held_on=held_on,
        findings=_text(findings, field="findings", required=False),
        yyyymm=yyyymm(held_on),
        created_by=actor,
        **ancestor_codes(unit),
    )
    for text, addressee, due_date in recommendations or []:
        recommendation_add(actor=actor, activity=activity, text=text, addressee=addressee, due_date=due_date)
    return activity


@transaction.atomic
def recommendation_add(
    *, actor, activity: SupervisionActivity, text: str, addressee: str, due_date: datetime.date | None = None
) -> Recommendation:
    scoping.require(actor, Capability.RECORD, activity.unit)
    if due_date is not None and due_date < activity.held_on:
        raise ValidationError({"due_date": _("Hạn trả lời không được trước ngày giám sát.")})
    return Recommendation.objects.create(
        activity=activity,
        text=_text(text, field="text"),
        addressee=_text(addressee, field="addressee", max_length=255),
        due_date=due_date,
        updated_by=actor,
    )


@transaction.atomic
def recommendation_update(
    *,
    actor,
    recommendation: Recommendation,
    status: str,
    response: str = "",
    settled_on: datetime.date | None = None,
) -> Recommendation:
    """Follow a recommendation: in progress, or settled with what was done and when."""
    recommendation = (
        Recommendation.objects.select_for_update().select_related("activity__unit").get(pk=recommendation.pk)
    )
    scoping.require(actor, Capability.RECORD, recommendation.activity.unit)
    if status not in RecommendationStatus.values:
        raise ValidationError({"status": _("Tình trạng không hợp lệ.")})
    response = _text(response, field="response", required=status == RecommendationStatus.SETTLED)
    if status == RecommendationStatus.SETTLED:
        settled_on = settled_on or timezone.localdate()
        if settled_on > timezone.localdate():
            raise ValidationError({"settled_on": _("Ngày giải quyết không được ở tương lai.")})
        if settled_on < recommendation.activity.held_on:
            raise ValidationError({"settled_on": _("Ngày giải quyết không được trước ngày giám sát.")})
    else:
        settled_on = None
    recommendation.status, recommendation.response, recommendation.settled_on = status, response, settled_on
    recommendation.updated_by = actor
    recommendation.save(update_fields=["status", "response", "settled_on", "updated_by", "updated_at"])
    return recommendation


def recorded_counts(*, data_set: DataSet, unit: Unit, period: Period) -> dict[str, int]:
    """What the recorded activities of ``unit`` in ``period`` count, per source cell (non-zero only)."""
    return recorded_counts_bulk(data_set=data_set, pairs=[(unit.pk, period)]).get((unit.pk, period.key), {})


def recorded_counts_bulk(
    *, data_set: DataSet, pairs: list[tuple[int, Period]]
) -> dict[tuple[int, str], dict[str, int]]:
    """``recorded_counts`` for many (unit id, period) pairs: two queries per distinct period."""
    sources = {e.source: e for e in data_set.element_list if e.source and e.breakdown_id}
    result: dict[tuple[int, str], dict[str, int]] = {}
    if not sources:
        return result
    units_by_period: dict[Period, set[int]] = {}
    for unit_id, period in pairs:
        units_by_period.setdefault(period, set()).add(unit_id)

    def put(unit_id: int, period: Period, source: str, organiser: str, number: int) -> None:
        element = sources.get(source)
        if element is not None and number:
            cells = result.setdefault((unit_id, period.key), {})
            key = f"{element.code}.{organiser}"
            cells[key] = cells.get(key, 0) + number

    for period, unit_ids in units_by_period.items():
        first, last = period.dates(cutoff=data_set.uses_cutoff)
        activities = SupervisionActivity.objects.filter(
            unit_id__in=unit_ids, held_on__gte=first, held_on__lte=last
        ).order_by()
        for unit_id, organiser, kind, number in activities.values_list(
            "unit_id", "organiser", "kind"
        ).annotate(n=Count("pk")):
            source = Source.SUPERVISIONS if kind == SupervisionKind.SUPERVISION else Source.CRITIQUES
            put(unit_id, period, source, organiser, number)
        rows = (
            Recommendation.objects.filter(activity__in=activities)
            .order_by()
            .values_list("activity__unit_id", "activity__organiser")
            .annotate(made=Count("pk"), settled=Count("pk", filter=Q(status=RecommendationStatus.SETTLED)))
        )
        for unit_id, organiser, made, settled in rows:
            put(unit_id, period, Source.RECOMMENDATIONS, organiser, made)
            put(unit_id, period, Source.RECOMMENDATIONS_SETTLED, organiser, settled)
    return result
