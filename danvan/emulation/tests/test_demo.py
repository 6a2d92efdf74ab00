import pytest

from danvan.emulation.choices import RatingStatus, Status
from danvan.emulation.demo import demo_emulation
from danvan.emulation.models import AnnualRating, EmulationModel, RecognitionDecision

pytestmark = pytest.mark.django_db


def test_it_creates_models_at_every_step_once(personas):
    tree = personas.tree
    arguments = {
        "province": tree.province,
        "communes": [tree.commune_a, tree.commune_b],
        "board_user": personas.province_board,
        "officer_user": personas.officer_a,
    }
    demo_emulation(**arguments)
    statuses = sorted(EmulationModel.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            Status.REPLICATED,
            Status.RECOGNISED,
            Status.APPRAISED,
            Status.SELF_ASSESSED,
            Status.REGISTERED,
            Status.NOT_RECOGNISED,
            Status.RECOGNISED,
        ]
    )
    assert RecognitionDecision.objects.count() == 3
    assert AnnualRating.objects.get().status == RatingStatus.RATED
    demo_emulation(**arguments)
    assert EmulationModel.objects.count() == 7 and RecognitionDecision.objects.count() == 3
