"""An import pauses the cyclic garbage collector while it runs and always resumes it."""

import gc

import pytest

from danvan.activities import imports

from .test_import import csv_bytes, run

pytestmark = pytest.mark.django_db


def test_it_resumes_garbage_collection_after_an_import_that_succeeds_or_fails(personas, monkeypatch):
    seen = []
    resolve = imports._resolve

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return resolve(*args, **kwargs)

    monkeypatch.setattr(imports, "_resolve", watched)
    good = csv_bytes([["ma_don_vi", "ky", "received"], ["90001", "2025Q4", "3"]])
    assert run(personas.officer_a, good, name="ok.csv").ok
    bad = csv_bytes([["ma_don_vi", "ky", "received"], ["99999", "2025Q4", "3"]])
    assert not run(personas.officer_a, bad, name="bad.csv").ok
    monkeypatch.setattr(imports, "_write", lambda *args: 1 / 0)
    other = csv_bytes([["ma_don_vi", "ky", "received"], ["90001", "2025Q4", "4"]])
    with pytest.raises(ZeroDivisionError):
        run(personas.officer_a, other, name="boom.csv")
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        assert run(personas.officer_a, bad, name="bad2.csv").errors and not gc.isenabled()
    finally:
        gc.enable()
