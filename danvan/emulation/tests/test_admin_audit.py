import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from danvan.emulation import criteria as svc
from danvan.emulation.choices import Subject
from danvan.emulation.models import (
    AnnualRating,
    Assessment,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    EmulationModel,
    RecognitionDecision,
)

pytestmark = pytest.mark.django_db


def test_it_opens_every_admin_page_of_the_app(emu):
    model = emu.recognised()
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "x")
    client = Client()
    client.force_login(admin)
    for cls, obj in (
        (CriteriaSet, model.criteria_set),
        (CriteriaGroup, model.criteria_set.groups.first()),
        (EmulationModel, model),
        (RecognitionDecision, model.decision),
        (Assessment, model.assessments.first()),
        (AnnualRating, None),
    ):
        opts = cls._meta
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
        if obj is not None:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(url).status_code == 200, opts.model_name


def test_it_keeps_an_audit_trail_of_criteria_changes(emu):
    board = emu.personas.province_board
    draft = svc.criteria_set_create(actor=board, unit=emu.tree.province, subject=Subject.COLLECTIVE_MODEL)
    svc.criteria_set_publish(actor=board, criteria_set=draft)
    assert LogEntry.objects.get_for_object(draft).exists()
    created = Criterion.objects.filter(group__criteria_set=draft).first()
    assert LogEntry.objects.get_for_object(created).filter(action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.get_for_object(draft).filter(action=LogEntry.Action.UPDATE).exists()
