"""Helpers that write democracy records through the services, as officials do."""

from __future__ import annotations

import datetime

from django.utils import timezone

from danvan.democracy import services
from danvan.democracy.models import ConsultationSubject, DecisionMatter, DisclosureCategory, DisclosureForm
from danvan.units.choices import Level
from danvan.units.tests.factories import UnitFactory


def today() -> datetime.date:
    return timezone.localdate()


def category(code: str = "du-an-dau-tu") -> DisclosureCategory:
    return DisclosureCategory.objects.get(code=code)


def forms(*codes: str) -> list[DisclosureForm]:
    return list(DisclosureForm.objects.filter(code__in=codes or ["niem-yet-tru-so"]))


def hamlet(commune, name: str = "Ấp Mỹ Cẩm A"):
    return UnitFactory(
        level=Level.HAMLET, name=name, parent=commune, kind_name="Ấp", valid_from=commune.valid_from
    )


def posting(actor, unit, *, days_ago: int = 3, **kwargs):
    posted_on = today() - datetime.timedelta(days=days_ago)
    values = {
        "category": category(),
        "title": "Dự án nâng cấp đường liên ấp Mỹ Cẩm A – Mỹ Cẩm B",
        "document_date": posted_on - datetime.timedelta(days=1),
        "posted_on": posted_on,
        "forms": forms(),
    }
    values.update(kwargs)
    return services.posting_record(actor=actor, unit=unit, **values)


def consultation(actor, unit, *, opens_days_ago: int = 5, closes_in: int = 10, **kwargs):
    values = {
        "subject": ConsultationSubject.objects.get(code="nong-thon-moi"),
        "title": "Dự thảo kế hoạch xây dựng nông thôn mới kiểu mẫu",
        "draft_text": "Nội dung dự thảo…",
        "questions": "Anh chị có đồng ý với mức hỗ trợ?\nCần bổ sung công trình nào?",
        "opens_on": today() - datetime.timedelta(days=opens_days_ago),
        "closes_on": today() + datetime.timedelta(days=closes_in),
    }
    values.update(kwargs)
    return services.consultation_open(actor=actor, unit=unit, **values)


def matter(code: str = "huong-uoc") -> DecisionMatter:
    return DecisionMatter.objects.get(code=code)


def decision(actor, unit, **kwargs):
    values = {
        "matter": matter(),
        "title": "Hương ước ấp Mỹ Cẩm A (sửa đổi)",
        "method": "meeting",
        "held_on": today() - datetime.timedelta(days=2),
        "households_entitled": 212,
        "households_present": 151,
        "votes_for": 139,
        "votes_against": 9,
    }
    values.update(kwargs)
    return services.decision_record(actor=actor, unit=unit, **values)
