from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.emulation import criteria as svc
from danvan.emulation.choices import CriteriaSetStatus, Subject
from danvan.emulation.criteria import Grade, Row, criteria_set_for
from danvan.emulation.models import Assessment, CriteriaSet, Criterion

pytestmark = pytest.mark.django_db


def rows_of(criteria_set):
    rows = []
    for group in criteria_set.groups.all():
        rows.append(Row(svc.GROUP, group.code, group.title))
        rows += [Row(svc.CRITERION, c.code, c.text, c.max_points, c.evidence) for c in group.criteria.all()]
    return rows


GRADES = [Grade("Đạt", Decimal(80), True), Grade("Chưa đạt", Decimal(0), False)]


def test_it_seeds_a_published_default_set_of_100_points_for_each_subject(criteria):
    assert set(criteria) == set(Subject.values)
    for criteria_set in criteria.values():
        assert criteria_set.max_total == 100 and criteria_set.version == 1
        assert criteria_set.grades.filter(qualifies=True).exists()
        assert criteria_set.groups.count() >= 4


def test_it_applies_the_nearest_published_set_above_a_unit(emu, criteria):
    tree = emu.tree
    assert (
        criteria_set_for(subject=Subject.COLLECTIVE_MODEL, unit=tree.commune_a)
        == criteria["collective_model"]
    )
    draft = svc.criteria_set_create(
        actor=emu.personas.province_board, unit=tree.province, subject=Subject.COLLECTIVE_MODEL
    )
    # A draft applies to nobody until it is published.
    assert (
        criteria_set_for(subject=Subject.COLLECTIVE_MODEL, unit=tree.commune_a)
        == criteria["collective_model"]
    )
    svc.criteria_set_publish(actor=emu.personas.province_board, criteria_set=draft)
    assert criteria_set_for(subject=Subject.COLLECTIVE_MODEL, unit=tree.commune_a) == draft
    # A unit dissolved in the reform falls under its successor's province too.
    assert criteria_set_for(subject=Subject.COLLECTIVE_MODEL, unit=tree.old_commune_1) == draft
    assert (
        criteria_set_for(subject=Subject.INDIVIDUAL_MODEL, unit=tree.commune_a)
        == criteria["individual_model"]
    )


def test_it_copies_the_applicable_set_into_a_draft_that_the_board_edits(emu, criteria):
    board = emu.personas.province_board
    draft = svc.criteria_set_create(actor=board, unit=emu.tree.province, subject=Subject.COLLECTIVE_MODEL)
    assert draft.status == CriteriaSetStatus.DRAFT and draft.based_on == criteria["collective_model"]
    assert draft.max_total == 100 and draft.name == criteria["collective_model"].name
    rows = rows_of(draft)[:4]  # the first group and its three criteria: 15 points
    svc.criteria_set_update(
        actor=board,
        criteria_set=draft,
        name="Bộ tiêu chí của Tỉnh Thử",
        description="Theo Hướng dẫn của Ban Dân vận Tỉnh ủy.",
        rows=[*rows, Row(svc.GROUP, "II", "Hiệu quả"), Row(svc.CRITERION, "2.1", "Kết quả cụ thể", "85")],
        grades=GRADES,
    )
    draft.refresh_from_db()
    assert draft.name == "Bộ tiêu chí của Tỉnh Thử" and draft.max_total == 100
    assert list(draft.groups.values_list("code", flat=True)) == ["I", "II"]
    with pytest.raises(ValidationError, match="Đã có bản nháp"):
        svc.criteria_set_create(actor=board, unit=emu.tree.province, subject=Subject.COLLECTIVE_MODEL)


G, C = svc.GROUP, svc.CRITERION
ONE_GROUP = [Row(G, "I", "Nhóm")]


@pytest.mark.parametrize(
    ("rows", "grades", "message"),
    [
        ([], GRADES, "ít nhất một nhóm"),
        ([Row(C, "1", "Tiêu chí", "10")], GRADES, "Dòng 1 phải là một nhóm"),
        ([*ONE_GROUP, Row(G, "II", "Nhóm 2"), Row(C, "", "x", "5")], GRADES, "ít nhất một tiêu chí"),
        ([*ONE_GROUP, Row(C, "1.1", "Tiêu chí", "0")], GRADES, "Dòng 2: điểm tối đa phải lớn hơn 0"),
        ([*ONE_GROUP, Row(C, "1.1", "Tiêu chí", "abc")], GRADES, "Dòng 2: điểm không hợp lệ"),
        ([*ONE_GROUP, Row(C, "1.1", "", "5")], GRADES, "Dòng 2: thiếu nội dung"),
        ([*ONE_GROUP, Row(C, "1.1", "x", "50")], [Grade("Đạt", Decimal(80), True)], "từ 0 đến 50"),
        ([*ONE_GROUP, Row(C, "1.1", "x", "100")], [Grade("Chưa đạt", Decimal(0), False)], "ít nhất một mức"),
        (
            [*ONE_GROUP, Row(C, "1.1", "x", "100")],
            [Grade("Đạt", Decimal(50), True), Grade("Đạt", Decimal(60), True)],
            "không được trùng",
        ),
        (
            [*ONE_GROUP, Row(C, "1.1", "x", "100")],
            [Grade("Đạt", Decimal(50), True), Grade("Kém", Decimal(70), False)],
            "cao hơn các mức chưa đạt",
        ),
    ],
)
def test_it_refuses_a_malformed_set_in_vietnamese_and_saves_nothing(emu, rows, grades, message):
    board = emu.personas.province_board
    draft = svc.criteria_set_create(actor=board, unit=emu.tree.province, subject=Subject.COLLECTIVE_MODEL)
    before = list(Criterion.objects.filter(group__criteria_set=draft).values_list("pk", "text"))
    with pytest.raises(ValidationError) as error:
        svc.criteria_set_update(
            actor=board, criteria_set=draft, name="Mới", description="", rows=rows, grades=grades
        )
    assert any(message in m for m in error.value.messages), error.value.messages
    draft.refresh_from_db()
    assert draft.name != "Mới"
    assert list(Criterion.objects.filter(group__criteria_set=draft).values_list("pk", "text")) == before


def test_it_freezes_a_set_once_scored_and_changes_it_through_a_new_version(emu, criteria):
    board = emu.personas.province_board
    own = svc.criteria_set_create(actor=board, unit=emu.tree.province, subject=Subject.COLLECTIVE_MODEL)
    svc.criteria_set_publish(actor=board, criteria_set=own)
    model = emu.register()
    emu.self_assess(model)
    own.refresh_from_db()
    assert own.is_frozen and not own.is_editable
    with pytest.raises(ValidationError, match="tạo phiên bản mới"):
        svc.criteria_set_update(
            actor=board, criteria_set=own, name="x", description="", rows=rows_of(own), grades=GRADES
        )
    revision = svc.criteria_set_revise(actor=board, criteria_set=own)
    assert revision.version == 2 and revision.status == CriteriaSetStatus.DRAFT and revision.based_on == own
    assert svc.criteria_set_revise(actor=board, criteria_set=own) == revision  # one draft at a time
    rows = rows_of(revision)
    rows[1] = Row(svc.CRITERION, rows[1].code, "Tiêu chí đã sửa", rows[1].max_points, "")
    svc.criteria_set_update(
        actor=board, criteria_set=revision, name=revision.name, description="", rows=rows, grades=GRADES
    )
    svc.criteria_set_publish(actor=board, criteria_set=revision)
    own.refresh_from_db()
    assert own.status == CriteriaSetStatus.SUPERSEDED
    # The past self-assessment keeps version 1 and its criteria; new models get version 2.
    assessment = Assessment.objects.get(model=model)
    assert assessment.criteria_set == own
    assert "Tiêu chí đã sửa" not in {s.criterion.text for s in assessment.scores.select_related("criterion")}
    assert emu.register(name="Mô hình mới").criteria_set == revision


def test_it_lets_only_the_issuing_board_edit_and_only_administrators_the_default(emu, criteria):
    personas = emu.personas
    with pytest.raises(PermissionDenied):
        svc.criteria_set_create(
            actor=personas.officer_a, unit=emu.tree.commune_a, subject=Subject.COLLECTIVE_MODEL
        )
    with pytest.raises(PermissionDenied):
        svc.criteria_set_create(actor=personas.province_board, unit=None, subject=Subject.COLLECTIVE_MODEL)
    with pytest.raises(PermissionDenied):
        svc.criteria_set_revise(actor=personas.province_board, criteria_set=criteria["collective_model"])
    commune_set = svc.criteria_set_create(
        actor=emu.commune_board, unit=emu.tree.commune_a, subject=Subject.COMMUNE_PARTY
    )
    with pytest.raises(PermissionDenied):
        svc.criteria_set_create(actor=emu.commune_board, unit=emu.tree.commune_b, subject=Subject.AGENCY)
    # The province board reaches the commune's set (its subtree); the commune board is refused the province's.
    svc.criteria_set_publish(actor=personas.province_board, criteria_set=commune_set)
    province_set = svc.criteria_set_create(
        actor=personas.province_board, unit=emu.tree.province, subject=Subject.AGENCY
    )
    with pytest.raises(PermissionDenied):
        svc.criteria_set_publish(actor=emu.commune_board, criteria_set=province_set)
    assert CriteriaSet.objects.get(pk=province_set.pk).status == CriteriaSetStatus.DRAFT
