"""The portal's test fixtures: uploads go to a temporary MEDIA_ROOT, never under var/."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
