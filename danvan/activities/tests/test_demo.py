import pytest

from danvan.activities import services
from danvan.activities.choices import State
from danvan.activities.demo import demo_activities
from danvan.activities.models import DataValue, Recommendation, Submission, SupervisionActivity

pytestmark = pytest.mark.django_db


def test_it_fills_demo_periods_once_with_one_form_that_breaks_a_rule(personas):
    tree = personas.tree
    arguments = {
        "province": tree.province,
        "communes": [tree.commune_a, tree.commune_b],
        "officer_user": personas.officer_a,
        "board_user": personas.province_board,
    }
    demo_activities(**arguments)
    counts = (Submission.objects.count(), DataValue.objects.count(), SupervisionActivity.objects.count())
    demo_activities(**arguments)
    assert (
        Submission.objects.count(),
        DataValue.objects.count(),
        SupervisionActivity.objects.count(),
    ) == counts
    states = set(Submission.objects.values_list("state", flat=True))
    assert {State.DRAFT, State.SUBMITTED, State.APPROVED} <= states
    broken = Submission.objects.get(data_set__code="ho-so-thu-tuc-hanh-chinh", state=State.DRAFT)
    assert broken.unit == tree.commune_a and broken.blocking_count == 1
    violations = services.submission_validate(actor=personas.officer_a, submission=broken)
    assert any("cộng đang giải quyết" in v.message for v in violations)
    supervision_form = Submission.objects.get(data_set__code="giam-sat-phan-bien")
    assert supervision_form.state == State.SUBMITTED
    assert services.cells_of(supervision_form)["supervisions.fatherland_front"] == 1
    assert Recommendation.objects.filter(status="settled").count() == 2
    ratings = DataValue.objects.filter(data_element__code="rating").values_list("text_value", flat=True)
    assert sorted(ratings) == ["kha", "tot"]
