import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.units.models import Unit
from danvan.units.services import hamlet_close, hamlets_create, parse_hamlet_name

pytestmark = pytest.mark.django_db


def test_it_adds_hamlets_from_a_pasted_list(tree):
    hamlets = hamlets_create(
        commune=tree.commune_a, text="Thôn Đông\n\n  ấp   3 \nTổ dân phố số 5\nHòa Lạc", default_kind="thôn"
    )
    assert [h.name for h in hamlets] == ["Thôn Đông", "Ấp 3", "Tổ dân phố số 5", "Thôn Hòa Lạc"]
    assert [h.code for h in hamlets] == ["90001-001", "90001-002", "90001-003", "90001-004"]
    assert all(h.path == f"{tree.commune_a.path}{h.pk}/" for h in hamlets)
    assert all(h.level == "hamlet" and h.tree == tree.commune_a.tree for h in hamlets)
    more = hamlets_create(commune=tree.commune_a, text="Thôn Tây")
    assert more[0].code == "90001-005"


def test_it_splits_the_kind_from_the_name():
    assert parse_hamlet_name("tổ dân phố 7", default_kind="thôn") == ("Tổ dân phố", "7")
    assert parse_hamlet_name("Khóm 2", default_kind="thôn") == ("Khóm", "2")
    assert parse_hamlet_name("Bến Đáy", default_kind="ấp") == ("Ấp", "Bến Đáy")
    assert parse_hamlet_name("Thôn", default_kind="ấp") == ("Thôn", "")


def test_it_refuses_a_duplicate_of_an_existing_hamlet_and_saves_nothing(tree):
    hamlets_create(commune=tree.commune_a, text="Thôn Đông")
    with pytest.raises(ValidationError) as error:
        hamlets_create(commune=tree.commune_a, text="Thôn Tây\nthôn đông")
    assert error.value.messages == ["Dòng 2: “Thôn Đông” đã có trong Xã An Bình."]
    assert not Unit.objects.filter(name="Thôn Tây").exists()


def test_it_refuses_duplicates_within_one_paste(tree):
    with pytest.raises(ValidationError) as error:
        hamlets_create(commune=tree.commune_a, text="Ấp 1\nẤp 2\nấp 1")
    assert error.value.messages == ["Dòng 3: “Ấp 1” trùng với dòng 1."]
    assert not Unit.objects.filter(level="hamlet").exists()


def test_it_refuses_empty_names(tree):
    with pytest.raises(ValidationError) as error:
        hamlets_create(commune=tree.commune_a, text="  \n\n")
    assert error.value.messages == ["Chưa có tên thôn, tổ dân phố nào."]
    with pytest.raises(ValidationError) as error:
        hamlets_create(commune=tree.commune_a, text="Ấp 1\nThôn")
    assert error.value.messages == ["Dòng 2: thiếu tên sau “Thôn”."]
    assert not Unit.objects.filter(level="hamlet").exists()


def test_it_allows_the_same_name_in_another_commune(tree):
    hamlets_create(commune=tree.commune_a, text="Thôn Đông")
    assert hamlets_create(commune=tree.commune_b, text="Thôn Đông")[0].parent == tree.commune_b


def test_it_refuses_a_unit_that_is_not_a_commune(tree):
    with pytest.raises(ValidationError) as error:
        hamlets_create(commune=tree.province, text="Thôn Đông")
    assert error.value.messages == ["Thôn, tổ dân phố chỉ được thêm vào đơn vị cấp xã."]


def test_it_refuses_a_commune_that_no_longer_exists(tree):
    with pytest.raises(ValidationError) as error:
        hamlets_create(commune=tree.old_commune_1, text="Thôn Đông")
    assert "không còn hiệu lực" in error.value.messages[0]


def test_it_frees_a_name_once_the_hamlet_is_closed(tree):
    [old] = hamlets_create(commune=tree.commune_a, text="Thôn Đông")
    hamlet_close(hamlet=old, valid_to=datetime.date.today())
    [new] = hamlets_create(commune=tree.commune_a, text="Thôn Đông")
    assert new.pk != old.pk and new.code == "90001-002"
