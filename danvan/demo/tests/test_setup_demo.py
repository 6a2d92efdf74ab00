import pytest
from django.core.management import call_command

from danvan.accounts.models import Membership
from danvan.petitions.models import Petition
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db


def test_it_sets_up_the_demo_on_the_real_tree_once(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_units")
    call_command("setup_demo")
    out = capsys.readouterr().out
    password = (tmp_path / "demo_password").read_text().strip()
    assert f"mật khẩu chung: {password}" in out and "admin" in out
    from danvan.meetings.models import Meeting, Opinion

    counts = (
        Unit.objects.count(),
        Membership.objects.count(),
        Petition.objects.count(),
        Meeting.objects.count(),
    )
    # 9 petitions recorded directly and 8 opinions raised at two conferences.
    assert counts[2] == 9 + Opinion.objects.count() == 17
    assert counts[3] == 4
    call_command("setup_demo")
    assert (
        Unit.objects.count(),
        Membership.objects.count(),
        Petition.objects.count(),
        Meeting.objects.count(),
    ) == counts


def test_it_explains_that_units_must_be_loaded_first(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_units"):
        call_command("setup_demo")
