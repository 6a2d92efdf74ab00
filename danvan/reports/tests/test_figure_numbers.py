"""Vietnamese numbers: 25.723 is twenty-five thousand, 99,08 a decimal, 06/11/2023 a date."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.reports.figures import Interval, find_quantities, format_number, format_percent, parse_number
from danvan.reports.figures.numbers import round_half_up, units_match


def figures(text):
    return [q for q in find_quantities(text) if q.is_figure]


def only(text):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("printed", "value", "decimals"),
    [
        ("25.723", 25723, 0),
        ("1.140", 1140, 0),
        ("2.361", 2361, 0),
        ("8832355", 8832355, 0),
        ("99,08", Fraction(9908, 100), 2),
        ("0,01", Fraction(1, 100), 2),
        ("1.234,5", Fraction(12345, 10), 1),
        ("01", 1, 0),
        ("8.5", Fraction(85, 10), 1),
        ("1,234,567", 1234567, 0),
    ],
)
def test_it_parses_vietnamese_number_formats(printed, value, decimals):
    assert parse_number(printed) == (Fraction(value), decimals)


@pytest.mark.parametrize("printed", ["02943.853574", "1.2.3", "12.34.56", ""])
def test_it_refuses_what_is_not_a_number(printed):
    assert parse_number(printed) is None


def test_it_reads_counts_with_their_unit():
    q = only("toàn huyện đã tiếp nhận 25.723 hồ sơ, đã xử lý")
    assert (q.kind, q.value, q.unit) == ("quantity", 25723, ("hồ", "sơ"))


def test_it_reads_percentages_at_their_printed_precision():
    q = only("đạt 99,08%.")
    assert (q.kind, q.value, q.decimals) == ("percent", Fraction(9908, 100), 2)
    assert only("chiếm 0,01 %").value == Fraction(1, 100)
    assert only("đạt 50 phần trăm").kind == "percent"
    assert only("giảm 0,8 điểm % so với").points


def test_it_reads_classifiers_as_short_units():
    assert only("tổ chức 13 cuộc hội nghị").unit == ("cuộc",)
    assert only("cho 2.361 lượt cán bộ").unit == ("lượt",)
    assert only("tổ chức 241 hội nghị đối thoại").unit == ("hội", "nghị")


def test_it_compares_units_by_their_head():
    assert units_match(("hội", "nghị"), ("hội", "nghị"))
    assert not units_match(("hội", "nghị"), ("hội", "viên"))
    assert units_match(("cuộc",), ("cuộc",))
    assert units_match(("hộ",), ("hộ", "nghèo"))
    assert not units_match((), ("hộ",))


def test_it_applies_scale_words():
    assert only("hơn 5 nghìn m2 đất").value == 5000
    assert only("số tiền 250 triệu đồng").value == 250_000_000
    assert only("huy động 2,5 tỷ đồng").value == 2_500_000_000
    assert only("tổng 1 tỷ 200 triệu đồng").value == 1_200_000_000
    assert only("đạt 2,5 tỷ đồng").unit == ("đồng",)


def test_it_does_not_take_ty_le_for_billions():
    q = only("đạt 5 tỷ lệ")
    assert q.value == 5


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("hơn 1.140 cuộc giám sát", "more"),
        ("trên 900 lượt ý kiến", "more"),
        ("gần 100 hộ", "less"),
        ("dưới 2% hộ", "less"),
        ("khoảng 40 cán bộ", "about"),
        ("ước tính 300 người", "about"),
        ("trên dưới 200 đại biểu", "about"),
        ("xấp xỉ 50 hộ", "about"),
        ("không dưới 30 xã", "more"),
        ("100 hộ trở lên", "more"),
        ("25.723 hồ sơ", ""),
    ],
)
def test_it_reads_approximation_words(text, qualifier):
    assert only(text).qualifier == qualifier


def test_it_reads_ranges():
    q = only("có 30-40 người tham dự")
    assert (q.value, q.upper, q.unit) == (30, 40, ("người",))
    q = only("có từ 30 đến 40 người tham dự")
    assert (q.value, q.upper, q.unit) == (30, 40, ("người",))
    assert q.approximate
    assert only("Từ 30 đến 40 người tham dự").upper == 40


def test_it_reads_fractions_with_a_counted_noun():
    q = only("có 13/15 xã, thị trấn tổ chức")
    assert (q.kind, q.value, q.denominator, q.unit) == ("fraction", 13, 15, ("xã",))
    assert only("đạt 15,1/19 tiêu chí").value == Fraction(151, 10)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ngày 06/11/2023", "date"),
        ("ngày 28/3", "date"),
        ("từ tháng 4/2023", "date"),
        ("17/05/2024 08:02", "date"),
        ("lúc 08:02", "time"),
        ("Kế hoạch số 148-KH/TU", "code"),
        ("Pháp lệnh 34/PL-UBTVQH11", "code"),
        ("Nghị định 100/2019/NĐ-CP", "code"),
        ("Điện thoại: 02943.853574", "code"),
        ("Quyết định số 217", "ident"),
        ("Khóm 4, Phường 1", "ident"),
        ("nhà số 25/3 phường Tân Định", "ident"),
        ("năm 2019", "year"),
        ("giai đoạn 2019-2024", "year"),
        ("nhiệm kỳ 2020 - 2025", "year"),
        ("Trong 2 năm (2021, 2022)", "year"),
        ("Tháng 08 : 1.700", "date"),
    ],
)
def test_it_recognises_what_must_not_be_counted(text, kind):
    kinds = {q.kind for q in find_quantities(text)}
    assert kind in kinds


def test_it_does_not_read_digits_inside_words():
    assert figures("5 nghìn m2 đất, virus H5N1, COVID-19") == [figures("5 nghìn m2 đất")[0]]


def test_it_counts_a_four_digit_number_with_a_noun_as_a_count_after_co():
    assert only("có 2000 hộ tham gia").kind == "quantity"
    assert not figures("năm 2020 hộ nghèo giảm")


def test_it_gives_each_figure_the_interval_its_wording_allows():
    assert only("25.723 hồ sơ").interval() == Interval(Fraction(25723), Fraction(25723))
    assert only("hơn 800 mô hình").interval().hi is None
    assert only("gần 100 hộ").interval() == Interval(Fraction(0), Fraction(100))
    low, high = only("khoảng 40 cán bộ").interval().lo, only("khoảng 40 cán bộ").interval().hi
    assert low < 40 < high
    # A printed rate stands for anything that rounds half-up or truncates to it.
    assert only("đạt 99,08%").interval() == Interval(Fraction(99075, 1000), Fraction(9909, 100))


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (25723, None, "25.723"),
        (Fraction(2, 25), 2, "0,08"),
        (Fraction(1234567, 10), 1, "123.456,7"),
        (100, 2, "100"),
        (Fraction(2, 5), None, "0,4"),
        (-1500, None, "-1.500"),
    ],
)
def test_it_formats_numbers_the_vietnamese_way(value, decimals, shown):
    assert format_number(value, decimals) == shown


def test_it_formats_percentages():
    assert format_percent(Fraction(777, 10000), 2) == "0,08%"


def test_it_rounds_half_up():
    assert round_half_up(Fraction(5, 1000), 2) == Fraction(1, 100)
    assert round_half_up(Fraction(-5, 1000), 2) == Fraction(-1, 100)


@given(st.integers(min_value=0, max_value=10**12))
def test_it_reads_back_every_integer_it_formats(value):
    assert parse_number(format_number(value)) == (value, 0)
    assert only(f"có {format_number(value)} hộ").value == value


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=4))
def test_it_reads_back_every_decimal_it_formats(hundredths, decimals):
    value = Fraction(hundredths, 10**decimals)
    printed = format_number(value, decimals)
    parsed = parse_number(printed)
    assert parsed is not None and parsed[0] == value


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_it_formats_a_whole_number_as_it_rounds_one_to_no_decimals(value):
    assert format_number(value) == format_number(value, 0)
