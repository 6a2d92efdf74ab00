"""The seeds' figures, rebuilt from records: Tân Lạc, Hà Nam, U Minh Thượng."""

import datetime
import itertools

import pytest

from danvan.emulation.choices import Field, Kind, RecognitionLevel, Status
from danvan.emulation.models import EmulationModel
from danvan.emulation.selectors import models_visible_to
from danvan.emulation.statistics import recognition_stats

pytestmark = pytest.mark.django_db
_counter = itertools.count()


def bulk(
    units, n, *, field=Field.ECONOMY, level=RecognitionLevel.COMMUNE, kind=Kind.COLLECTIVE, year=2024, **extra
):
    """``n`` recognised models spread over ``units``, decided in ``year`` (fast: one INSERT)."""
    status = extra.pop("status", Status.RECOGNISED)
    decided = status in Status.recognised_values()
    rows = [
        EmulationModel(
            name=f"Mô hình {next(_counter)}",
            kind=kind,
            field=field,
            unit=units[i % len(units)],
            owner_name="Tập thể",
            year=extra.get("registered", year),
            description="Mô tả",
            status=status,
            recognition_level=level if decided else "",
            decision_date=datetime.date(year, 12, 1) if decided else None,
            appraisal_score=extra.get("appraisal_score"),
        )
        for i in range(n)
    ]
    EmulationModel.objects.bulk_create(rows)


def test_it_rebuilds_tan_lacs_review_by_field_with_the_change_on_2019(personas):
    tree = personas.tree
    communes = [tree.old_commune_1, tree.old_commune_2]
    # 315 models in 2019–2024: 101 economy, 184 culture–society, 25 defence–security, 5 political system;
    # 225 of them in 2019 and 90 in the five years after.
    for field, n2019, later in (
        (Field.ECONOMY, 70, 31),
        (Field.CULTURE_SOCIETY, 130, 54),
        (Field.DEFENCE_SECURITY, 20, 5),
        (Field.POLITICAL_SYSTEM, 5, 0),
    ):
        bulk(communes, n2019, field=field, year=2019)
        for index in range(later):
            bulk(communes, 1, field=field, year=2020 + index % 5, level=RecognitionLevel.DISTRICT)
    bulk(communes, 7, year=2018)  # outside the period
    bulk(communes, 3, year=2020, status=Status.NOT_RECOGNISED)
    stats = recognition_stats(
        base=EmulationModel.objects.all(),
        year_from=2019,
        year_to=2024,
        compare_year=2019,
        unit=tree.old_district,
    )
    assert stats.current.total == 315 and stats.delta == 90
    assert stats.current.by_field == {
        "economy": 101,
        "culture_society": 184,
        "defence_security": 25,
        "political_system": 5,
    }
    assert [(r.key, r.count, r.compare, r.delta) for r in stats.field_rows][:2] == [
        ("economy", 101, 70, 31),
        ("culture_society", 184, 130, 54),
    ]
    assert [year for year, _b in stats.per_year] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert stats.per_year[0][1].total == 225 and sum(b.total for _y, b in stats.per_year[1:]) == 90
    assert stats.narrative.startswith(
        "Giai đoạn 2019–2024, huyện Cầu Ngang có 315 mô hình, điển hình “Dân vận khéo” được công nhận "
        "(101 mô hình lĩnh vực kinh tế; 184 mô hình lĩnh vực văn hóa – xã hội; "
        "25 mô hình lĩnh vực quốc phòng – an ninh; 5 mô hình lĩnh vực xây dựng hệ thống chính trị), "
        "trong đó 90 cấp huyện, 225 cấp xã"
    )
    assert stats.narrative.endswith("; tăng 90 mô hình so với năm 2019.")


def test_it_rebuilds_ha_nams_split_by_level(personas):
    tree = personas.tree
    bulk([tree.province], 21, level=RecognitionLevel.PROVINCE, year=2022)
    bulk([tree.old_district], 246, level=RecognitionLevel.DISTRICT, year=2022)
    bulk([tree.commune_a, tree.commune_b], 705, level=RecognitionLevel.COMMUNE, year=2022)
    stats = recognition_stats(
        base=EmulationModel.objects.all(), year_from=2022, year_to=2022, compare_year=2021
    )
    assert stats.current.total == 972
    assert stats.current.by_level == {"province": 21, "district": 246, "commune": 705}
    assert "trong đó 21 cấp tỉnh, 246 cấp huyện, 705 cấp xã" in stats.narrative
    assert (
        stats.narrative.startswith("Năm 2022, có 972 mô hình")
        and "tăng 972 mô hình so với năm 2021" in stats.narrative
    )
    assert stats.matrix[0] == ("Kinh tế", [21, 246, 705], 972)


def test_it_follows_u_minh_thuongs_registrations_to_recognition_and_replication(personas):
    communes = [personas.tree.commune_a, personas.tree.commune_b]
    bulk(communes, 212, kind=Kind.COLLECTIVE, year=2023, registered=2023)
    bulk(communes, 39, kind=Kind.COLLECTIVE, year=2023, registered=2023, status=Status.REPLICATED)
    bulk(communes, 15, kind=Kind.INDIVIDUAL, year=2024, registered=2023)
    bulk(communes, 40, year=2023, registered=2023, status=Status.NOT_RECOGNISED, appraisal_score=70)
    bulk(communes, 26, year=2023, registered=2023, status=Status.REGISTERED)
    funnel = recognition_stats(base=EmulationModel.objects.all(), year_from=2023, year_to=2024).funnel
    assert (funnel.registered, funnel.recognised, funnel.collective, funnel.individual) == (332, 266, 251, 15)
    assert (funnel.replicated, funnel.not_recognised, funnel.pending, funnel.appraised) == (39, 40, 26, 40)


def test_it_rolls_old_units_into_their_successor_and_keeps_each_officer_in_their_subtree(emu):
    tree = emu.tree
    bulk([tree.old_commune_1], 4, year=2024)
    bulk([tree.commune_a], 2, year=2026)
    bulk([tree.commune_b], 3, year=2026)
    everything = EmulationModel.objects.all()
    assert (
        recognition_stats(base=everything, year_from=2024, year_to=2026, unit=tree.province).current.total
        == 9
    )
    assert (
        recognition_stats(base=everything, year_from=2024, year_to=2026, unit=tree.commune_a).current.total
        == 6
    )

    def seen_by(user):
        return recognition_stats(
            base=models_visible_to(user=user), year_from=2024, year_to=2026
        ).current.total

    assert seen_by(emu.personas.province_board) == 9
    assert seen_by(emu.personas.officer_a) == 6  # commune A inherits Thị trấn Cầu Ngang's models
    assert seen_by(emu.personas.officer_b) == 3  # Xã Cũ Hai passed partly to B; Thị trấn Cầu Ngang did not
    assert seen_by(emu.personas.outsider) == 0


def test_it_says_so_when_nothing_was_recognised(personas):
    stats = recognition_stats(
        base=EmulationModel.objects.all(), year_from=2026, year_to=2026, compare_year=2025
    )
    assert stats.narrative == "Năm 2026, chưa có mô hình, điển hình “Dân vận khéo” nào được công nhận."
    assert stats.delta == 0
