from decimal import Decimal
from types import SimpleNamespace

import pytest

from danvan.activities import expressions
from danvan.activities.values import FigureError, format_number, parse_figure


def integer(**extra):
    return SimpleNamespace(value_type="integer", min_value=None, max_value=None, option_list=[], **extra)


def test_it_parses_and_evaluates_sums_of_figures():
    tree = expressions.parse("settled_on_time + settled_late + in_progress")
    refs = [str(r) for r in expressions.references(tree)]
    assert refs == ["settled_on_time", "settled_late", "in_progress"]
    values = {"settled_on_time": Decimal(25487), "settled_late": Decimal(20), "in_progress": Decimal(326)}
    assert expressions.evaluate(tree, lambda r: values[r.element]) == 25833


def test_it_reads_cells_of_a_breakdown_constants_and_brackets():
    tree = expressions.parse("(supervisions.fatherland_front + 2) * 3 - -1")
    assert expressions.references(tree) == [expressions.Ref("supervisions", "fatherland_front")]
    assert expressions.evaluate(tree, lambda r: Decimal(1)) == 10


@pytest.mark.parametrize("text", ["", "received +", "received ) ", "received $ 1", "(received", "1 2"])
def test_it_refuses_unreadable_expressions_in_vietnamese(text):
    with pytest.raises(expressions.ExpressionError) as error:
        expressions.parse(text)
    assert any(word in str(error.value) for word in ("Biểu thức", "biểu thức", "Thiếu", "Thừa", "Không"))


def test_it_signals_division_by_zero():
    with pytest.raises(expressions.DivisionByZero):
        expressions.evaluate(expressions.parse("a / b"), lambda r: Decimal(0))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25723", 25723),
        ("25.723", 25723),
        ("25,723", 25723),
        ("25 723", 25723),
        (" 1.234.567 ", 1234567),
        (25723, 25723),
        (25723.0, 25723),
        ("12,0", 12),
        ("0", 0),
    ],
)
def test_it_reads_integers_written_the_vietnamese_way(raw, expected):
    assert parse_figure(integer(), raw).number == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "không phải là số"),
        ("12.5", "số nguyên"),
        ("-3", "số âm"),
        (12.5, "số nguyên"),
        ("1e5", "không phải"),
    ],
)
def test_it_refuses_bad_integers_with_a_clear_message(raw, message):
    with pytest.raises(FigureError, match=message):
        parse_figure(integer(), raw)


def test_it_reads_decimals_percentages_options_and_yes_no():
    percent = SimpleNamespace(value_type="percent", min_value=None, max_value=None, option_list=[])
    assert parse_figure(percent, "99,08 %").number == Decimal("99.08")
    assert parse_figure(percent, "99.08").number == Decimal("99.08")
    with pytest.raises(FigureError, match="lớn hơn 100"):
        parse_figure(percent, "100,5")
    number = SimpleNamespace(value_type="number", min_value=None, max_value=None, option_list=[])
    assert parse_figure(number, "1.234,5").number == Decimal("1234.5")
    assert parse_figure(number, "1,234.5").number == Decimal("1234.5")
    assert parse_figure(number, "12,5").number == Decimal("12.5")
    score = SimpleNamespace(value_type="number", min_value=Decimal(0), max_value=Decimal(100), option_list=[])
    with pytest.raises(FigureError, match="lớn hơn 100"):
        parse_figure(score, "101")
    option = SimpleNamespace(value_type="option", option_list=[("tot", "Tốt"), ("kha", "Khá")])
    assert parse_figure(option, "tốt").text == "tot" and parse_figure(option, "KHA").text == "kha"
    with pytest.raises(FigureError, match="không có trong danh mục"):
        parse_figure(option, "Xuất sắc")
    boolean = SimpleNamespace(value_type="boolean")
    assert parse_figure(boolean, "Có").number == 1 and parse_figure(boolean, "không").number == 0
    assert parse_figure(integer(), "  ") is None and parse_figure(integer(), None) is None


def test_it_formats_numbers_the_vietnamese_way():
    assert format_number(Decimal(25723)) == "25.723"
    assert format_number(Decimal("99.08")) == "99,08"
    assert format_number(Decimal("1234.5")) == "1.234,5"


@pytest.mark.parametrize(
    "text",
    ["a + b - c", "(a + 2) * b - -c", "a / b", "a / (b - b)", "a * 1.5 - (b + c) / 3", "7", "-(a - b.x)"],
)
def test_it_compiles_expressions_to_the_values_the_tree_gives(text):
    tree = expressions.parse(text)
    refs = expressions.references(tree)
    fast = expressions.compiled(tree, refs)
    for numbers in ([3, 4, 5, 6], [0, 2, 0, 1], [Decimal("2.5"), Decimal("-1"), 7, 0]):
        given = dict(zip(refs, (Decimal(n) for n in numbers), strict=False))
        try:
            expected = expressions.evaluate(tree, given.__getitem__)
        except expressions.DivisionByZero:
            with pytest.raises(expressions.DivisionByZero):
                fast([given[ref] for ref in refs])
            continue
        assert fast([given[ref] for ref in refs]) == expected
