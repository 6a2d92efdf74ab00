"""The five published reports in data/seeds: the checks found there, and the only two errors."""

import json
import time
from fractions import Fraction
from pathlib import Path

import pytest

from danvan.reports.figures import check_text

SEEDS = Path(__file__).parent / "data" / "seeds"


def seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def passed(result, kind, figures):
    return [c for c in result.checks if c.kind == kind and c.passed and c.figures == figures]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_it_finds_nothing_wrong_in_the_consistent_reports(prefix):
    assert check_text(seed(prefix)).findings == []


def test_it_recognises_the_ha_nam_breakdowns_as_checks_that_pass():
    result = check_text(seed("001"))
    assert passed(result, "sum", [241, 3, 22, 216])
    assert passed(result, "sum", [323, 3, 40, 280])
    assert passed(result, "sum", [972, 21, 246, 705])


def test_it_recognises_the_tan_lac_breakdown_across_two_sentences():
    result = check_text(seed("004"))
    [check] = passed(result, "sum", [315, 101, 184, 25, 5])
    assert check.sentence.startswith("Trong giai đoạn 2019-2024")
    assert "Trong đó, có 101 mô hình" in check.sentence


def test_it_reports_the_two_tan_lac_errors_in_both_places_they_appear():
    findings = check_text(seed("004")).findings
    assert len(findings) == 4
    sums = [f for f in findings if f.kind == "sum"]
    percents = [f for f in findings if f.kind == "percent"]
    assert len(sums) == 2 and len(percents) == 2
    # The summary at the top of the article and the detailed paragraph further down.
    assert {f.sentence.startswith("Sau một năm") for f in findings} == {True}
    assert len({f.sentence for f in findings}) == 2
    assert {"(từ tháng 4/2023 đến tháng 4/2024)" in f.sentence for f in sums} == {True, False}
    for finding in sums:
        assert finding.figures == [25723, 25487, 326]
        assert (finding.expected, finding.stated) == (25813, 25723)
        assert "25.813" in finding.message and "25.723" in finding.message
    for finding in percents:
        assert finding.figures == [20, 25723, Fraction(1, 100)]
        assert (finding.expected, finding.stated) == (Fraction(8, 100), Fraction(1, 100))
        assert "0,08%" in finding.message and "0,01%" in finding.message


def test_it_says_where_figures_borrowed_from_the_other_paragraph_come_from():
    findings = check_text(seed("004")).findings
    summary = [f for f in findings if "(từ tháng" not in f.sentence]
    assert all("đoạn khác" in f.message for f in summary)
    details = [f for f in findings if "(từ tháng" in f.sentence]
    assert not any("đoạn khác" in f.message for f in details)


def test_it_confirms_the_correct_rate_of_processed_dossiers():
    result = check_text(seed("004"))
    rates = [c for c in result.checks if c.kind == "percent" and c.stated == Fraction(9908, 100)]
    assert len(rates) == 2 and all(c.passed for c in rates)


def test_it_counts_the_checks_it_performed_per_report():
    counts = {prefix: len(check_text(seed(prefix)).checks) for prefix in ("000", "001", "002", "003", "004")}
    assert counts == {"000": 2, "001": 3, "002": 2, "003": 1, "004": 7}


def test_it_gives_json_ready_findings():
    payload = check_text(seed("004")).to_json()
    decoded = json.loads(json.dumps(payload, ensure_ascii=False))
    assert [set(item) for item in decoded] == [
        {"sentence", "kind", "figures", "expected", "stated", "message"}
    ] * 4
    percent = next(item for item in decoded if item["kind"] == "percent")
    assert (percent["expected"], percent["stated"], percent["figures"]) == (0.08, 0.01, [20, 25723, 0.01])


def test_it_is_deterministic():
    text = seed("004")
    assert check_text(text).to_json() == check_text(text).to_json()


def test_it_checks_a_twenty_page_report_well_under_a_second():
    text = "\n\n".join(seed(prefix) for prefix in ("000", "001", "002", "003", "004") * 3)
    assert len(text) > 60_000  # about twenty pages of 3.000 characters
    started = time.perf_counter()
    result = check_text(text)
    assert time.perf_counter() - started < 1.0
    # A sentence repeated word for word is reported once.
    assert len({f.sentence for f in result.findings}) == 2
