"""The national generator's "Dân vận khéo" models and periodic figures, on a small tree of two provinces."""

import datetime
from collections import Counter, defaultdict

import pytest
from django.db import transaction

from danvan.activities.models import DataSet, DataValue, Submission, SubmissionEvent
from danvan.activities.periods import periods_between
from danvan.activities.services import cells_of, evaluate
from danvan.activities.validation import Schema, counts
from danvan.activities.values import parse_figure
from danvan.demo.national import national_generate
from danvan.emulation import scoring
from danvan.emulation.models import Assessment, EmulationModel, ModelEvent, RecognitionDecision, Score
from danvan.reports.builder import report_build, report_json
from danvan.units.choices import Level
from danvan.units.selectors import unit_ancestor_codes
from danvan.units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEARS = [2024, 2025]
COMMUNES_PER_PROVINCE = 20


@pytest.fixture
def country(tree):
    """The shared tree's province and two communes, 19 more communes there and a second province of 20."""
    second = UnitFactory(
        level=Level.PROVINCE, code="91", name="Tỉnh Hai", parent=tree.nation, kind_name="Tỉnh"
    )
    for n in range(COMMUNES_PER_PROVINCE - 2):
        UnitFactory(code=f"900{n + 10:02d}", name=f"Xã Một {n}", parent=tree.province)
    for n in range(COMMUNES_PER_PROVINCE):
        UnitFactory(code=f"910{n + 10:02d}", name=f"Xã Hai {n}", parent=second)
    return tree


def _generate(**options):
    arguments = {"petitions": 0, "years": len(YEARS), "start_year": YEARS[0], "seed": 7, "rebuild": False}
    return national_generate(**{**arguments, **options})


def _snapshot() -> list[list[tuple]]:
    return [
        list(EmulationModel.objects.order_by("pk").values_list(
            "name", "unit__code", "year", "status", "self_score", "appraisal_score", "grade",
            "recognition_level", "decision_number", "decision_date", "replicated_from__name", "replicated_at",
            "version",
        )),
        list(RecognitionDecision.objects.order_by("pk").values_list("unit__code", "number", "date", "award")),
        list(Score.objects.order_by("pk").values_list("assessment__model__name", "criterion_id", "points")),
        list(ModelEvent.objects.order_by("pk").values_list("model__name", "kind", "at", "text")),
        list(Submission.objects.order_by("pk").values_list(
            "data_set__code", "unit__code", "period", "state", "created_at", "submitted_at", "approved_at",
        )),
        list(DataValue.objects.order_by("pk").values_list(
            "submission__unit__code", "submission__period", "data_element__code", "option_code", "value",
            "text_value",
        )),
    ]  # fmt: skip


class _Rollback(Exception):
    pass


def test_it_writes_the_same_models_and_figures_for_the_same_seed(country):
    try:
        with transaction.atomic():
            _generate()
            first = _snapshot()
            raise _Rollback
    except _Rollback:
        pass
    assert not EmulationModel.objects.exists() and not Submission.objects.exists()

    summary = _generate()
    assert _snapshot() == first
    assert all(first), "every kind of row was written"
    assert (summary.models, summary.submissions, summary.figures) == (
        EmulationModel.objects.count(),
        Submission.objects.count(),
        DataValue.objects.count(),
    )
    assert {"emulation", "figures"} <= set(summary.seconds)


def test_it_files_every_period_of_every_data_set_with_figures_that_keep_its_rules(country):
    _generate()
    communes = list(country.province.children.all()) + list(
        country.nation.children.get(code="91").children.all()
    )
    assert len(communes) == 2 * COMMUNES_PER_PROVINCE
    first, last = datetime.date(YEARS[0], 1, 1), datetime.date(YEARS[-1], 12, 31)
    data_sets = list(DataSet.objects.filter(is_active=True))
    filed = Counter(Submission.objects.values_list("data_set_id", "unit_id", "period"))
    assert set(filed.values()) == {1}
    for data_set in data_sets:
        keys = [p.key for p in periods_between(data_set.period_type, first, last)]
        units = [c for c in communes if Level.COMMUNE in data_set.levels]
        units += [u for u in (country.province,) if Level.PROVINCE in data_set.levels]
        assert units
        for unit in units:
            assert [p for p in keys if (data_set.pk, unit.pk, p) in filed] == keys, (data_set.code, unit.code)

    states = Counter(Submission.objects.values_list("state", flat=True))
    assert states["approved"] > 0.8 * sum(states.values()) and states["submitted"] and states["draft"]
    cells = {d.pk: len(Schema(d).cells) for d in data_sets}
    per_form = Counter(DataValue.objects.values_list("submission_id", flat=True))
    schemas = {d.pk: Schema(d) for d in data_sets}
    events = defaultdict(list)
    for submission_id, kind in SubmissionEvent.objects.order_by("at", "pk").values_list(
        "submission_id", "kind"
    ):
        events[submission_id].append(kind)
    expected = {
        "draft": ["created", "saved"],
        "submitted": ["created", "saved", "submitted"],
        "approved": ["created", "saved", "submitted", "approved"],
    }
    submissions = list(Submission.objects.select_related("data_set", "unit").order_by("pk"))
    for submission in submissions:
        assert per_form[submission.pk] == cells[submission.data_set_id]
        assert events[submission.pk] == expected[submission.state]
        assert submission.version == len(events[submission.pk]) - 1
        period = submission.period_obj
        assert (submission.yyyymm, submission.yyyymm_end) == (period.yyyymm_start, period.yyyymm_end)
        opens = period.cutoff_end if submission.data_set.uses_cutoff else period.end
        assert opens <= submission.created_at.astimezone().date()
        if submission.submitted_at:
            due = period.due_date(submission.data_set.days_to_submit)
            assert submission.created_at < submission.submitted_at and submission.submitted_at.date() <= due
    for submission in submissions[::7]:  # the services' own check, as a save or a submission runs it
        schema = schemas[submission.data_set_id]
        found = evaluate(
            schema=schema,
            submission=submission,
            cells=cells_of(submission),
            require_complete=submission.state != "draft",
        )
        assert not [v.message for v in found if v.blocking], submission
        assert counts(found) == (submission.blocking_count, submission.warning_count) == (0, 0)
        codes = unit_ancestor_codes(unit=submission.unit)
        assert (submission.province_code, submission.district_code, submission.commune_code) == tuple(
            codes.values()
        )
        for value in submission.values.select_related("data_element", "data_element__option_set"):
            typed = value.text_value or str(value.value)
            assert parse_figure(value.data_element, typed) is not None, value  # the entry form accepts it
            assert (value.unit_id, value.period, value.commune_code) == (
                submission.unit_id,
                submission.period,
                submission.commune_code,
            )
    received = dict(
        DataValue.objects.filter(data_element__code="received", submission__period="2025Q1").values_list(
            "unit__level", "value"
        )
    )
    assert received["province"] > received["commune"], "a province handles more dossiers than a commune"


def test_it_registers_models_at_every_step_with_consistent_scores_and_decisions(country):
    _generate()
    models = list(
        EmulationModel.objects.select_related("unit", "decision", "criteria_set", "replicated_from")
    )
    statuses = Counter(m.status for m in models)
    assert set(statuses) == {
        "registered",
        "self_assessed",
        "appraised",
        "recognised",
        "not_recognised",
        "replicated",
    }
    per_commune = Counter((m.unit_id, m.year) for m in models if m.unit.level == "commune")
    assert max(per_commune.values()) <= 4
    assert {m.unit.level for m in models} == {"commune", "province"}
    sheets = defaultdict(list)
    for assessment in Assessment.objects.all():
        sheets[assessment.model_id].append(assessment)
    points = defaultdict(list)
    for score in Score.objects.select_related("criterion"):
        assert 0 <= score.points <= score.criterion.max_points
        points[score.assessment_id].append(score.points)
    events = defaultdict(list)
    for model_id, kind in ModelEvent.objects.order_by("at", "pk").values_list("model_id", "kind"):
        events[model_id].append(kind)
    for m in models:
        bands = scoring.grades_of(m.criteria_set)
        own = [a for a in sheets[m.pk] if a.kind == "self"]
        appraisals = [a for a in sheets[m.pk] if a.kind == "appraisal"]
        criteria = len(scoring.criteria_of(m.criteria_set))
        for sheet in own + appraisals:
            assert sheet.total == sum(points[sheet.pk]) and len(points[sheet.pk]) == criteria
            assert sheet.grade == scoring.grade_for(bands, sheet.total).label
        assert events[m.pk][0] == "registered" and m.version == len(events[m.pk])
        assert events[m.pk].count("appraised") == len(appraisals)
        codes = unit_ancestor_codes(unit=m.unit)
        assert (m.province_code, m.district_code, m.commune_code) == tuple(codes.values())
        if m.status == "registered":
            assert not own and m.self_score is None and m.grade == ""
            continue
        assert [a.total for a in own] == [m.self_score]
        if m.status == "self_assessed":
            assert not appraisals and m.grade == scoring.grade_for(bands, m.self_score).label
            continue
        assert appraisals and m.appraisal_score == scoring.mean([a.total for a in appraisals])
        band = scoring.grade_for(bands, m.appraisal_score)
        assert m.grade == band.label
        if m.status in ("recognised", "replicated"):
            decision = m.decision
            assert band.qualifies or m.decision_note
            assert (decision.number, decision.date, decision.level, decision.award) == (
                m.decision_number,
                m.decision_date,
                m.recognition_level,
                m.award,
            )
            issuer = m.unit if m.recognition_level == "commune" else m.unit.parent
            assert decision.unit_id == (m.unit.pk if m.unit.level == "province" else issuer.pk)
            assert m.decision_date.year == m.year and m.awarding_body == decision.awarding_body
            assert "recognised" in events[m.pk]
        if m.status == "not_recognised":
            assert m.decision is None and m.decision_note and "not_recognised" in events[m.pk]
        if m.status == "replicated":
            assert (
                m.replication_note and m.replicated_at > m.decision_date and events[m.pk][-1] == "replicated"
            )
        if m.replicated_from is not None:
            assert m.replicated_from.status in ("recognised", "replicated")
            assert m.replicated_from.year < m.year
    copied = [m for m in models if m.replicated_from and m.status == "recognised"]
    assert copied and all(m.replicated_from.status == "replicated" for m in copied)
    assert RecognitionDecision.objects.filter(level="province", unit__level="province").exists()
    names = Counter((m.unit_id, m.year, m.name) for m in models)
    assert max(names.values()) == 1, "a unit registers a name once a year"


def test_it_adds_nothing_twice_when_appended(country):
    _generate()
    forms = Submission.objects.count()
    models = Counter(EmulationModel.objects.values_list("unit_id", "year"))

    summary = _generate(seed=8, append=True)
    assert summary.submissions == 0 and Submission.objects.count() == forms
    after = Counter(EmulationModel.objects.values_list("unit_id", "year"))
    assert all(after[key] == n for key, n in models.items()), "units with models that year keep theirs"
    assert summary.models == sum(after.values()) - sum(models.values())


def test_it_shows_the_figures_and_models_in_a_commune_s_annual_report(country):
    _generate()
    model = (
        EmulationModel.objects.filter(
            status__in=["recognised", "replicated"], unit__level="commune", decision_date__year=YEARS[-1]
        )
        .select_related("unit")
        .first()
    )
    report = report_build(
        unit=model.unit, start=datetime.date(YEARS[-1], 1, 1), end=datetime.date(YEARS[-1], 12, 31)
    )
    values = {i["key"]: i["value"] for i in report_json(report)["indicators"]}
    recognised = EmulationModel.objects.filter(
        unit=model.unit, status__in=["recognised", "replicated"], decision_date__year=YEARS[-1]
    ).count()
    assert values["models_recognised"] == recognised > 0
    received = DataValue.objects.filter(
        unit=model.unit, data_element__code="received", yyyymm__gte=YEARS[-1] * 100
    ).values_list("value", flat=True)
    assert values["activities.ho-so-thu-tuc-hanh-chinh.received"] == sum(received) > 0
    assert values["activities.giam-sat-phan-bien.supervisions"] > 0
    codes = set(DataSet.objects.values_list("code", flat=True))
    assert not [f for f in report.findings if f.rule.split(":")[0] in codes], "sums keep the rules too"
