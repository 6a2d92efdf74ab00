import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.tests.factories import UserFactory
from danvan.activities import catalogue
from danvan.activities.models import DataElement, DataSet, OptionSet, ValidationRule
from danvan.activities.periods import Period

from .helpers import DEMOCRACY, DOSSIERS, RATING, SUPERVISION, TRAINING, data_set, save

pytestmark = pytest.mark.django_db


def test_it_ships_the_data_sets_of_the_issue():
    sets = {d.code: d for d in DataSet.objects.all()}
    assert {DOSSIERS, SUPERVISION, TRAINING, DEMOCRACY, RATING} <= set(sets)
    assert [e.code for e in sets[DOSSIERS].element_list] == [
        "received",
        "settled_on_time",
        "settled_late",
        "in_progress",
        "returned",
    ]
    organisers = [o.code for o in OptionSet.objects.get(code="organiser").options.all()]
    assert organisers[:1] == ["fatherland_front"] and {
        "peoples_council",
        "inspection_board",
        "investment_board",
        "womens_union",
    } <= set(organisers)
    assert {e.breakdown.code for e in sets[SUPERVISION].element_list} == {"organiser"}
    assert sets[RATING].levels == ["commune"] and sets[RATING].period_type == "year"
    for rule in ValidationRule.objects.all():
        rule.full_clean()  # every shipped rule reads only elements of its data set


def test_it_installs_idempotently_and_keeps_administrators_edits():
    received = DataElement.objects.get(data_set__code=DOSSIERS, code="received")
    received.name = "Số hồ sơ nhận"
    received.save()
    catalogue.install()
    catalogue.install()
    assert DataElement.objects.filter(data_set__code=DOSSIERS).count() == 5
    assert DataElement.objects.get(pk=received.pk).name == "Số hồ sơ nhận"


@pytest.mark.parametrize(
    ("left", "right", "message"),
    [
        ("received +", "received", "kết thúc quá sớm"),
        ("khong_co", "received", "Không có chỉ tiêu mã “khong_co”"),
        ("received", "supervisions.x", "Không có chỉ tiêu mã “supervisions”"),
    ],
)
def test_it_refuses_rules_that_do_not_read(left, right, message):
    rule = ValidationRule(data_set=data_set(), name="x", left=left, operator="<=", right=right, message="m")
    with pytest.raises(ValidationError, match=message):
        rule.full_clean()


def test_it_runs_a_rule_an_administrator_adds_as_data(personas):
    ValidationRule.objects.create(
        data_set=data_set(TRAINING),
        name="Tối đa 200 người một lớp",
        left="participants",
        operator="<=",
        right="conferences * 200",
        importance="high",
        message="Bình quân quá 200 người một lớp.",
    )
    outcome = save(
        personas.officer_a,
        personas.tree.commune_a,
        code=TRAINING,
        conferences=2,
        participants__party_members=300,
        participants__others=150,
    )
    assert [(v.cell, v.message) for v in outcome.blocking] == [
        ("participants.party_members", "Bình quân quá 200 người một lớp (450 > 400).")
    ]


def test_it_treats_missing_values_as_the_rule_says(personas):
    outcome = save(personas.officer_a, personas.tree.commune_a, code=TRAINING, conferences=3)
    assert [v.message for v in outcome.violations] == [
        "Số lượt người tham dự ít hơn số hội nghị, lớp tập huấn; hãy kiểm tra lại số người tham dự (0 < 3)."
    ]
    rule = ValidationRule.objects.get(data_set__code=TRAINING)
    rule.missing_value_strategy = "skip_if_any_missing"
    rule.save()
    assert save(personas.officer_a, personas.tree.commune_a, code=TRAINING, conferences=3).violations == []


def test_it_checks_the_parts_against_the_totals_in_grassroots_democracy(personas):
    outcome = save(
        personas.province_board,
        personas.tree.province,
        period=Period("year", 2025),
        code=DEMOCRACY,
        agencies_total=40,
        agencies_held=41,
        enterprises_total=10,
        enterprises_held=8,
    )
    assert [v.cell for v in outcome.blocking] == ["agencies_held"]


def test_it_audits_configuration_and_offers_it_in_the_admin(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    dossiers = data_set()
    assert client.get(reverse("admin:activities_dataset_change", args=[dossiers.pk])).status_code == 200
    assert client.get(reverse("admin:activities_validationrule_changelist")).status_code == 200
    rule = ValidationRule.objects.filter(data_set=dossiers).first()
    rule.importance = "medium"
    rule.save()
    assert LogEntry.objects.get_for_object(rule).filter(action=LogEntry.Action.UPDATE).exists()
