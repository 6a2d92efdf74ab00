"""Relations between figures in report styles beyond the seeds: what adds up, what does not,
and the wordings that must never raise an alarm."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from danvan.reports.figures import KINDS, check_text, format_number
from danvan.reports.figures.numbers import round_half_up

LEVELS = ["cấp tỉnh", "cấp huyện", "cấp xã", "cấp thôn"]
UNITS = ["hội nghị", "mô hình", "cuộc họp", "lượt cán bộ", "hộ"]


def kinds_passed(text):
    result = check_text(text)
    assert result.findings == [], [f.message for f in result.findings]
    return {check.kind for check in result.checks}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Năm 2023, toàn tỉnh tổ chức 241 hội nghị (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; "
            "216 hội nghị cấp xã).",
            "sum",
        ),
        ("Tổ chức 241 hội nghị (3 hội nghị ở tỉnh; 22 ở huyện; 216 ở xã).", "sum"),
        ("Đoàn công tác có 15 người, gồm: 5 người cấp tỉnh, 10 người cấp huyện.", "sum"),
        (
            "Toàn tỉnh có 972 mô hình, trong đó: cấp tỉnh 21 mô hình, cấp huyện 246 mô hình, "
            "cấp xã 705 mô hình.",
            "sum",
        ),
        (
            "Năm 2024, huyện xây dựng 120 mô hình. Trong đó, 40 mô hình lĩnh vực kinh tế, "
            "50 mô hình lĩnh vực "
            "văn hóa - xã hội và 30 mô hình lĩnh vực quốc phòng, an ninh.",
            "sum",
        ),
        ("Tổng kinh phí 2,5 tỷ đồng (ngân sách tỉnh 1,5 tỷ đồng; ngân sách huyện 1 tỷ đồng).", "sum"),
        ("Tổng số 57 ý kiến, đã trả lời 50 ý kiến, còn lại 7 ý kiến đang xem xét.", "remainder"),
        (
            "Huyện có 1.500 hộ tham gia, trong đó 120 hộ nghèo, 300 hộ cận nghèo, còn lại 1.080 hộ khá.",
            "remainder",
        ),
        (
            "Có hơn 800 mô hình. Trong đó hơn 300 mô hình kinh tế; hơn 230 mô hình văn hóa; "
            "còn lại là mô hình "
            "khác.",
            "remainder",
        ),
        ("Có 18/20 xã (90%) hoàn thành kế hoạch.", "percent"),
        ("Có 18/20 xã hoàn thành kế hoạch.", "fraction"),
        ("Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn nông thôn mới, đạt 80%.", "percent"),
        ("Xã có 1.234 hộ, trong đó hộ nghèo 45 hộ, chiếm 3,65%; hộ cận nghèo 60 hộ, chiếm 4,86%.", "percent"),
        ("Có 3 xã, trong đó 2 xã đạt chuẩn, đạt 66,66%.", "percent"),  # truncated, not rounded
        (
            "Tiếp nhận 1.250 hồ sơ; đã giải quyết 1.200 hồ sơ, đang giải quyết 40 hồ sơ, trả lại 10 hồ sơ.",
            "sum",
        ),
        (
            "Bộ phận một cửa tiếp nhận 480 hồ sơ, đã giải quyết 450 hồ sơ.\n"
            "Hồ sơ đang giải quyết là 30 hồ sơ.",
            "sum",
        ),
        ("Tiếp nhận 120 đơn thư; đã giải quyết 100 đơn, đang giải quyết 15 đơn.", "sum"),
        ("Năm 2023 có 150 mô hình, tăng 20 mô hình so với năm 2022 (130 mô hình).", "change"),
        (
            "Năm 2022, toàn huyện có 130 mô hình. Năm 2023 có 150 mô hình, tăng 20 mô hình so với năm 2022.",
            "change",
        ),
        ("Năm 2023 có 150 mô hình, tăng 15,4% so với năm 2022 (130 mô hình).", "change"),
        ("Năm 2022 có 130 hộ nghèo, năm 2023 còn 118 hộ, giảm 12 hộ so với năm 2022.", "change"),
        ("Tỷ lệ hộ nghèo còn 2,01%, giảm 0,5% so với năm 2019 (2,51%).", "change"),
        ("Năm 2024 có 2,2% hộ nghèo, giảm 0,8 điểm % so với năm 2022 (3,0%).", "change"),
        (
            "Tổ chức 241 hội nghị (cấp tỉnh 3 hội nghị; cấp huyện 22 hội nghị, trong đó có 5 hội nghị trực "
            "tuyến; cấp xã 216 hội nghị).",
            "sum",
        ),
        ("Tổ chức 241 hội nghị (cấp tỉnh: 3 hội nghị; cấp huyện: 22 hội nghị; cấp xã: 216 hội nghị).", "sum"),
        ("Có 45 trường (mầm non 15 trường, tiểu học 18 trường, THCS 12 trường).", "sum"),
        ("Lớp tập huấn có 50 người (nam 30 người, nữ 20 người).", "sum"),
        ("Tổng số đảng viên 5.678 đảng viên (nữ 2.345 đảng viên, chiếm 41,3%).", "percent"),
        ("Trong số 57 ý kiến, đã trả lời 50 ý kiến, còn lại 7 ý kiến.", "remainder"),
        ("Có 450 hộ đăng ký thoát nghèo, kết quả đã có 380 hộ thoát nghèo, đạt 84,44%.", "percent"),
    ],
)
def test_it_passes_consistent_figures(text, kind):
    assert kind in kinds_passed(text)


@pytest.mark.parametrize(
    ("text", "kind", "expected", "stated"),
    [
        (
            "Tổ chức 241 hội nghị (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; 215 hội nghị cấp xã).",
            "sum",
            240,
            241,
        ),
        ("Tổ chức 241 hội nghị (3 hội nghị ở tỉnh; 22 ở huyện; 215 ở xã).", "sum", 240, 241),
        ("Đoàn công tác có 15 người, gồm: 5 người cấp tỉnh, 9 người cấp huyện.", "sum", 14, 15),
        (
            "Toàn tỉnh có 972 mô hình, trong đó: cấp tỉnh 21 mô hình, cấp huyện 246 mô hình, "
            "cấp xã 715 mô hình.",
            "sum",
            982,
            972,
        ),
        ("Có gần 100 hộ tham gia (60 hộ cấp xã; 50 hộ cấp huyện).", "sum", 110, 100),
        ("Hội nghị có khoảng 200 đại biểu (120 đại biểu cấp xã, 150 đại biểu cấp huyện).", "sum", 270, 200),
        ("Tổng số 57 ý kiến, đã trả lời 50 ý kiến, còn lại 9 ý kiến đang xem xét.", "remainder", 7, 9),
        (
            "Huyện có 1.500 hộ, trong đó 120 hộ nghèo, 300 hộ cận nghèo, còn lại 1.000 hộ khá.",
            "remainder",
            1080,
            1000,
        ),
        ("Có 16/15 xã hoàn thành.", "fraction", 15, 16),
        ("Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn nông thôn mới, đạt 85%.", "percent", 80, 85),
        ("Có 13/15 xã (80%) hoàn thành kế hoạch.", "percent", 87, 80),
        ("Xã có 1.234 hộ. Trong đó, 45 hộ nghèo, chiếm 3,5%.", "percent", Fraction(36, 10), Fraction(35, 10)),
        (
            "Tiếp nhận 1.250 hồ sơ, đã giải quyết 1.200 hồ sơ, đang giải quyết 40 hồ sơ, trả lại 20 hồ sơ.",
            "sum",
            1260,
            1250,
        ),
        ("Tiếp nhận 500 hồ sơ, đã giải quyết 480 hồ sơ, đang giải quyết 30 hồ sơ.", "sum", 510, 500),
        ("Năm 2023 có 150 mô hình, tăng 25 mô hình so với năm 2022 (130 mô hình).", "change", 20, 25),
        (
            "Năm 2022, toàn huyện có 130 mô hình. Năm 2023 có 150 mô hình, tăng 25 mô hình so với năm 2022.",
            "change",
            20,
            25,
        ),
        ("Năm 2023 có 150 mô hình, tăng 12% so với năm 2022 (130 mô hình).", "change", 15, 12),
        ("Năm 2022 có 130 hộ nghèo, năm 2023 còn 118 hộ, giảm 15 hộ so với năm 2022.", "change", 12, 15),
        ("Toàn huyện có 15 xã, trong đó 20 xã đạt chuẩn nông thôn mới.", "other", 15, 20),
        (
            "Tổng số đảng viên 5.678 đảng viên (nữ 2.345 đảng viên, chiếm 40,3%).",
            "percent",
            Fraction(413, 10),
            Fraction(403, 10),
        ),
        ("Có 45 trường (mầm non 15 trường, tiểu học 18 trường, THCS 13 trường).", "sum", 46, 45),
    ],
)
def test_it_reports_figures_that_do_not_add_up(text, kind, expected, stated):
    [finding] = check_text(text).findings
    assert (finding.kind, finding.expected, finding.stated) == (kind, expected, stated)
    assert finding.sentence and finding.message and finding.figures


@pytest.mark.parametrize(
    "text",
    [
        "Có hơn 800 mô hình, trong đó hơn 300 mô hình cấp huyện, hơn 600 mô hình cấp xã.",
        "Có khoảng 200 đại biểu tham dự (120 đại biểu cấp xã, 90 đại biểu cấp huyện).",
        "Có trên dưới 200 đại biểu (gần 120 đại biểu cấp xã, khoảng 80 đại biểu cấp huyện).",
        "Ước tính 1.200 người tham gia (ước tính 700 người cấp xã; 520 người cấp huyện).",
        "Có xấp xỉ 1.000 hội viên (600 hội viên cấp xã; 430 hội viên cấp huyện).",
        "Tiếp nhận khoảng 1.000 hồ sơ, đã giải quyết hơn 950 hồ sơ, đang giải quyết gần 60 hồ sơ.",
        "Có 30-40 cuộc họp (12 cuộc họp cấp huyện; 20 cuộc họp cấp xã).",
        "Có từ 30 đến 40 cuộc họp (12 cuộc họp cấp huyện; 20 cuộc họp cấp xã).",
        "Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn, đạt khoảng 78%.",
        "Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn, đạt gần 81%.",
        "Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn, đạt trên 79%.",
        "Có 13/15 xã (khoảng 90%) hoàn thành.",
        "Năm 2023 có khoảng 150 mô hình, tăng khoảng 20 mô hình so với năm 2022 (130 mô hình).",
        "Năm 2023 có 150 mô hình, tăng hơn 15 mô hình so với năm 2022 (130 mô hình).",
        "Tổng số gần 60 ý kiến, đã trả lời trên 50 ý kiến, còn lại 7 ý kiến.",
        "Các xã tổ chức được 13 cuộc hội nghị, mỗi cuộc có khoảng 40 người tham dự "
        "(trong đó có 02 cuộc điểm).",
    ],
)
def test_it_never_raises_an_alarm_on_approximate_wording(text):
    assert check_text(text).findings == []


@pytest.mark.parametrize(
    "text",
    [
        # Overlapping categories: women and party members can be the same people.
        "Kết nạp 150 đảng viên mới (nữ 60 đồng chí, dân tộc thiểu số 30 đồng chí, đoàn viên 120 đồng chí).",
        "Tổ chức 500 lượt tập huấn (300 lượt nữ, 250 lượt đảng viên).",
        "Có 500 người tham dự, trong đó 300 người là nữ, 250 người là đảng viên.",
        "Toàn huyện có 22 xã, trong đó 20 xã đạt chuẩn nông thôn mới, 5 xã đạt chuẩn nông thôn mới nâng cao.",
        "Có 500 hộ, trong đó 120 hộ nghèo, 80 hộ cận nghèo.",
        # "trong đó" may name only some categories.
        "Toàn tỉnh có 972 mô hình, trong đó cấp tỉnh 21 mô hình, cấp huyện 246 mô hình.",
        "Hội nghị có 200 đại biểu tham dự (120 đại biểu cấp xã, 50 đại biểu cấp huyện và khách mời).",
        # Rates of something the text does not state.
        "Thu ngân sách 500 tỷ đồng, đạt 105% dự toán.",
        "Trong năm, toàn tỉnh giải quyết 1.245 hồ sơ, đạt 98,5% kế hoạch.",
        "Có 12 xã đạt 100% tiêu chí.",
        "Mời 600 người, có 500 người tham dự, nữ chiếm 40%.",
        "Năm 2023 có 1.200 hộ được hỗ trợ; 30 hộ nghèo chiếm 4,5% số hộ toàn xã.",
        "Hội Nông dân có 12.345 hội viên, chiếm 45,6% số hộ nông nghiệp.",
        # Years, dates, codes, identifiers and series are not parts of a total.
        "Trong 2 năm (2021, 2022), toàn tỉnh có 241 hội nghị.",
        "Có 150 mô hình (năm 2022: 130 mô hình; năm 2021: 120 mô hình).",
        "Ban hành Kế hoạch số 148-KH/TU ngày 06/11/2023 và Quyết định 217, 218 của Bộ Chính trị.",
        "Phục vụ 24/7. Nhà số 25/3 phường 5. Xếp thứ 45/63 tỉnh, thành phố.",
        "Xây dựng 25 nhà Đại đoàn kết (trị giá 50 triệu đồng/nhà), tăng 111 mô hình so với năm 2019.",
        "Tăng trưởng bình quân giai đoạn 2016-2020 đạt 8,5%/năm; tỷ lệ hộ nghèo giảm còn 3,85%.",
        "Chi 1,2 tỷ đồng (trong đó 300 triệu đồng cho xã A).",
        # A sibling category is not a total; nor is a plan.
        "Kết quả phân loại: 15 xã tốt (chiếm 78,95%), 4 xã khá (chiếm 21,05%).",
        "Kết nạp 150 đảng viên (chỉ tiêu 160 đảng viên, đạt 93,75%).",
        # Two counts of the year compared with: which one is meant?
        "Năm 2022, huyện có 40 mô hình cấp huyện và 130 mô hình cấp xã. Năm 2023 có 150 mô hình cấp xã, "
        "tăng 25 mô hình so với năm 2022.",
    ],
)
def test_it_stays_silent_where_the_figures_are_not_a_relation(text):
    assert check_text(text).findings == []


def test_it_ignores_a_paren_part_introduced_by_trong_do_when_summing_the_outer_list():
    result = check_text(
        "Tổ chức 241 hội nghị (cấp tỉnh 3 hội nghị; cấp huyện 22 hội nghị, trong đó có 5 hội "
        "nghị trực tuyến; cấp xã 216 hội nghị)."
    )
    assert [c.figures for c in result.checks if c.kind == "sum"] == [[241, 3, 22, 216]]
    assert [c.figures for c in result.checks if c.kind == "other"] == [[22, 5]]


def test_it_does_not_take_the_compared_figure_for_a_total():
    result = check_text(
        "Năm 2023 có 245 mô hình, tăng 35 mô hình so với năm 2022 (210 mô hình); trong đó "
        "lĩnh vực kinh tế 98 mô hình, văn hóa - xã hội 87 mô hình."
    )
    assert [c.figures for c in result.checks if c.kind == "other"] == [[245, 98]]
    assert [c.figures for c in result.checks if c.kind == "change"] == [[210, 245, 35]]


def test_it_shows_computed_amounts_like_the_printed_ones():
    [finding] = check_text(
        "Tổng kinh phí 2,5 tỷ đồng (ngân sách tỉnh 1,5 tỷ đồng; ngân sách huyện 1,3 tỷ đồng)."
    ).findings
    assert finding.message == "Tổng 2,5 tỷ đồng khác tổng các phần 2,8 tỷ (1,5 tỷ + 1,3 tỷ)."


def test_it_writes_messages_in_vietnamese_with_vietnamese_numbers():
    [finding] = check_text("Có 1.234 hộ. Trong đó, 45 hộ nghèo, chiếm 3,5%.").findings
    assert finding.message == "45 hộ trên 1.234 hộ là 3,6%, không phải 3,5%."


def test_it_joins_a_sentence_broken_over_two_lines():
    text = "Đã tiếp nhận\n25.723 hồ sơ, đã xử lý 25.487 hồ sơ, đạt 99,08%; hồ sơ đang xử lý là 326 hồ sơ."
    [finding] = check_text(text).findings
    assert finding.kind == "sum" and finding.sentence.startswith("Đã tiếp nhận 25.723 hồ sơ")


def test_it_links_a_dossier_summary_to_its_details_elsewhere_in_the_text():
    text = (
        "Năm qua, xã đã tiếp nhận 900 hồ sơ, đã giải quyết 880 hồ sơ.\n\n"
        "Một đoạn khác về công tác tuyên truyền.\n\n"
        "Cụ thể, xã đã tiếp nhận 900 hồ sơ, đã giải quyết 880 hồ sơ, đang giải quyết 40 hồ sơ."
    )
    findings = check_text(text).findings
    assert [f.kind for f in findings] == ["sum", "sum"]
    assert "đoạn khác" in findings[0].message and "đoạn khác" not in findings[1].message


def test_it_does_not_link_dossiers_that_only_share_one_figure():
    text = (
        "Năm 2023, xã đã tiếp nhận 900 hồ sơ, đã giải quyết 880 hồ sơ.\n\n"
        "Năm 2024, xã đã tiếp nhận 900 hồ sơ, đã giải quyết 850 hồ sơ, đang giải quyết 50 hồ sơ."
    )
    assert check_text(text).findings == []


def rate_sentence(total, part, rate):
    return f"Toàn huyện có {format_number(total)} hộ, trong đó {format_number(part)} hộ nghèo, chiếm {rate}%."


def vn(value: Fraction, decimals: int) -> str:
    """A percentage printed with exactly ``decimals`` decimals, Vietnamese style."""
    return format(Decimal(value.numerator) / Decimal(value.denominator), f".{decimals}f").replace(".", ",")


breakdowns = st.integers(min_value=2, max_value=4).flatmap(
    lambda n: st.tuples(
        st.sampled_from(UNITS),
        st.lists(st.integers(min_value=0, max_value=50_000), min_size=n, max_size=n),
        st.sampled_from(["; ", ", "]),
    )
)


def breakdown_sentence(unit, parts, separator, total, marker=""):
    listed = separator.join(
        f"{format_number(value)} {unit} {level}" for value, level in zip(parts, LEVELS, strict=False)
    )
    return f"Năm 2023, toàn tỉnh có {format_number(total)} {unit} ({marker}{listed})."


@given(breakdowns)
def test_it_never_flags_a_consistent_total_and_parts(breakdown):
    unit, parts, separator = breakdown
    result = check_text(breakdown_sentence(unit, parts, separator, sum(parts)))
    assert result.findings == []
    assert [c.figures for c in result.checks if c.kind == "sum"] == [[sum(parts), *parts]]


@given(breakdowns, st.integers(min_value=-1000, max_value=1000).filter(bool))
def test_it_always_flags_a_perturbed_total(breakdown, error):
    unit, parts, separator = breakdown
    assume(sum(parts) + error >= 0)
    [finding] = check_text(breakdown_sentence(unit, parts, separator, sum(parts) + error)).findings
    assert (finding.kind, finding.expected, finding.stated) == ("sum", sum(parts), sum(parts) + error)


@given(breakdowns, st.integers(min_value=1, max_value=1000))
def test_it_flags_parts_that_exceed_their_total_after_trong_do(breakdown, excess):
    unit, parts, separator = breakdown
    assume(sum(parts) - excess >= 0)
    findings = check_text(
        breakdown_sentence(unit, parts, separator, sum(parts) - excess, "trong đó ")
    ).findings
    assert [f.kind for f in findings] == ["sum"]


approximations = st.sampled_from(["", "hơn", "trên", "gần", "khoảng", "ước tính", "xấp xỉ", "trên dưới"])


@st.composite
def approximate_figure(draw, true_value):
    """A wording that is true of ``true_value``: 'hơn' a lower figure, 'gần' a higher one,
    'khoảng' a near one."""
    word = draw(approximations)
    if word in ("hơn", "trên"):
        shown = draw(st.integers(min_value=true_value // 2, max_value=true_value))
    elif word == "gần":
        shown = draw(st.integers(min_value=true_value, max_value=true_value + true_value // 5 + 1))
    elif word:
        shown = draw(st.integers(min_value=max(1, true_value * 85 // 100), max_value=true_value * 115 // 100))
    else:
        shown = true_value
    return f"{word} {format_number(shown)}".strip()


@st.composite
def approximate_breakdowns(draw):
    parts = draw(st.lists(st.integers(min_value=1, max_value=20_000), min_size=2, max_size=4))
    total = draw(approximate_figure(sum(parts)))
    shown = [draw(approximate_figure(value)) for value in parts]
    listed = "; ".join(f"{figure} mô hình {level}" for figure, level in zip(shown, LEVELS, strict=False))
    return f"Toàn tỉnh có {total} mô hình ({listed})."


@given(approximate_breakdowns())
def test_it_never_flags_true_approximate_wording(text):
    assert check_text(text).findings == []


@given(
    st.integers(min_value=1, max_value=100_000).flatmap(
        lambda total: st.tuples(st.just(total), st.integers(min_value=0, max_value=total))
    ),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
)
def test_it_accepts_a_rate_rounded_half_up_or_truncated(numbers, decimals, truncate):
    total, part = numbers
    exact = Fraction(100 * part, total)
    step = Fraction(1, 10**decimals)
    stated = (exact // step) * step if truncate else round_half_up(exact, decimals)
    text = rate_sentence(total, part, vn(stated, decimals))
    result = check_text(text)
    assert result.findings == []
    assert any(c.kind == "percent" for c in result.checks)


@given(
    st.integers(min_value=1, max_value=100_000).flatmap(
        lambda total: st.tuples(st.just(total), st.integers(min_value=0, max_value=total))
    ),
    st.integers(min_value=0, max_value=2),
    st.integers(min_value=2, max_value=500).flatmap(lambda k: st.sampled_from([k, -k])),
)
def test_it_flags_a_rate_off_by_more_than_rounding(numbers, decimals, steps):
    total, part = numbers
    stated = round_half_up(Fraction(100 * part, total), decimals) + steps * Fraction(1, 10**decimals)
    assume(0 <= stated <= 100)
    text = rate_sentence(total, part, vn(stated, decimals))
    assert [f.kind for f in check_text(text).findings] == ["percent"]


@given(
    st.integers(min_value=0, max_value=50_000),
    st.integers(min_value=0, max_value=5_000),
    st.integers(min_value=0, max_value=500),
    st.booleans(),
)
def test_it_accepts_consistent_dossier_counts(settled, progress, returned, mention_returned):
    returned = returned if mention_returned else 0
    received = settled + progress + returned
    text = (
        f"Bộ phận một cửa đã tiếp nhận {format_number(received)} hồ sơ, "
        f"đã giải quyết {format_number(settled)} hồ sơ, "
        f"đang giải quyết {format_number(progress)} hồ sơ"
        + (f", trả lại {format_number(returned)} hồ sơ." if mention_returned else ".")
    )
    result = check_text(text)
    assert result.findings == []
    assert [c.figures[0] for c in result.checks if c.kind == "sum"] == [received]


@given(
    st.integers(min_value=0, max_value=50_000), st.integers(min_value=0, max_value=5_000), st.integers(1, 900)
)
def test_it_flags_more_dossiers_handled_than_received(settled, progress, excess):
    received = settled + progress - excess
    assume(received >= 0)
    text = (
        f"Đã tiếp nhận {format_number(received)} hồ sơ, đã giải quyết {format_number(settled)} hồ sơ, "
        f"đang giải quyết {format_number(progress)} hồ sơ."
    )
    [finding] = check_text(text).findings
    assert (finding.kind, finding.expected, finding.stated) == ("sum", settled + progress, received)


@given(
    st.integers(min_value=1, max_value=90_000), st.integers(min_value=1, max_value=90_000), st.integers(0, 50)
)
def test_it_checks_a_stated_change_against_both_sides(before, after, error):
    word = "tăng" if after >= before else "giảm"
    delta = abs(after - before) + error
    text = (
        f"Năm 2024 có {format_number(after)} mô hình, {word} {format_number(delta)} mô hình so với năm 2023 "
        f"({format_number(before)} mô hình)."
    )
    findings = check_text(text).findings
    assert [f.kind for f in findings] == (["change"] if error else [])


@settings(max_examples=300)
@given(
    st.text(
        alphabet="0123456789.,;:()/-–% \nabcđ trong đó gồm còn lại tăng giảm so với năm đạt chiếm hồ sơ hơn"
    )
)
def test_it_never_crashes_on_odd_text(text):
    for check in check_text(text).checks:
        assert check.kind in KINDS
        assert isinstance(check.passed, bool)
