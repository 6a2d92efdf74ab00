from hypothesis import given
from hypothesis import strategies as st

from danvan.textproc import similarity as s

VOCABULARY = s.Vocabulary.from_texts(
    [
        "Đường liên xã xuống cấp, nhiều ổ gà, đi lại khó khăn.",
        "Đường vào ấp bị hư hỏng nặng sau mùa mưa.",
        "Mương thoát nước bị tắc gây ngập úng khu dân cư.",
        "Bãi rác tự phát bốc mùi hôi thối.",
        "Đề nghị cấp giấy chứng nhận quyền sử dụng đất.",
        "Giá lúa xuống thấp, thương lái ép giá.",
    ]
)

CITIZEN = "DT746 doan cau Ho Dai qua cau Tan Phuoc Khanh lam hoai ko xong, bui mu mit"
OFFICIAL = (
    "Cử tri ấp Hóa Nhựt phản ánh việc tuyến ĐT-746 đoạn từ cầu Hố Dài đến cầu Tân Phước Khánh "
    "thi công kéo dài, bụi mù mịt. Đề nghị các cấp có thẩm quyền xem xét, giải quyết."
)
OTHER_ROAD = "Cử tri xã Tân Lập phản ánh đường ĐT-741 đoạn qua ấp Đồng Sổ thi công chậm, bụi bặm."
SAME_PLACE_OTHER_PROBLEM = (
    "Cử tri ấp Hóa Nhựt đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ còn lại."
)


def test_it_folds_marks_and_reads_road_and_hamlet_numbers_as_names():
    analysis = s.analyse("Tổ 11, ấp 3 ven Quốc lộ 1A và ĐT.912")
    assert {"to11", "ap3", "ql1a", "dt912"} <= analysis.names
    assert s.analyse("to 11 ap 3 ven ql 1a, dt912").names >= {"to11", "ap3", "ql1a", "dt912"}


def test_it_reads_places_named_after_hamlet_commune_or_canal_words():
    assert "an_thuan" in s.analyse("Đường qua ấp An Thuận hư hỏng").names
    assert "an_thuan" in s.analyse("duong qua ap an thuan hu hong").names
    assert "ba_ray" in s.analyse("Kênh Ba Rày bị bồi lắng").names


def test_it_drops_officials_wrappers_and_function_words():
    words = s.analyse(
        "Cử tri phản ánh việc đường bị ngập. Đề nghị các cấp có thẩm quyền xem xét, giải quyết."
    ).words
    assert words == ("duong", "ngap")


def test_it_keeps_words_that_only_look_like_function_words_once_folded():
    # "chợ" folds to "cho" (a function word when typed "cho"), "hố" to "ho".
    assert {"cho", "ho"} <= set(s.analyse("Chợ Hố Dài ngập").words)
    assert "cho" not in s.analyse("Đề nghị cho làm đường").words


def test_it_scores_the_same_concern_in_two_registers_above_the_same_problem_elsewhere():
    citizen, official = s.analyse(CITIZEN), s.analyse(OFFICIAL)
    same = s.score(citizen, official, VOCABULARY)
    elsewhere = s.score(official, s.analyse(OTHER_ROAD), VOCABULARY)
    other_problem = s.score(official, s.analyse(SAME_PLACE_OTHER_PROBLEM), VOCABULARY)
    assert same.score > 1.5 * elsewhere.score
    assert same.score > 1.3 * other_problem.score
    assert same.shared[0] in {"dt746", "ho dai", "tan phuoc", "phuoc khanh"}


def test_it_lowers_names_of_the_place_searched():
    context = s.context_terms(["Tỉnh Bình Dương", "Xã Tân Vĩnh Hiệp"])
    a = s.analyse("Cử tri xã Tân Vĩnh Hiệp phản ánh đường xuống cấp")
    b = s.analyse("Cử tri xã Tân Vĩnh Hiệp đề nghị cấp giấy chứng nhận")
    assert s.score(a, b, VOCABULARY, context=context).score < s.score(a, b, VOCABULARY).score


def test_it_marks_down_texts_on_different_topics():
    match = s.score(s.analyse(CITIZEN), s.analyse(OFFICIAL), VOCABULARY)
    assert match.agreeing(0.0).score < match.agreeing(1.0).score == match.score


def test_it_gives_index_keys_names_first():
    analysis = s.analyse(OFFICIAL)
    keys = s.keys(analysis, VOCABULARY, limit=3)
    names = {s.key_of(t) for t in analysis.names}
    assert len(keys) == 3 and set(keys) <= names


def test_it_shares_a_key_between_two_registers_of_one_concern():
    stored = set(s.keys(s.analyse(OFFICIAL), VOCABULARY, limit=8))
    assert stored & set(s.keys(s.analyse(CITIZEN), VOCABULARY, limit=12))


def test_it_marks_the_shared_words_in_the_original_text():
    pieces = s.highlight("Đường ĐT-746 qua cầu Hố Dài", ["ho dai"])
    assert ("Hố Dài", True) in pieces
    assert "".join(p for p, _ in pieces) == "Đường ĐT-746 qua cầu Hố Dài"


def test_it_has_nothing_to_say_about_empty_or_symbol_only_text():
    for text in ("", "   ", "😀😀😀", "!!! ???", "\x00\x01"):
        analysis = s.analyse(text)
        assert not analysis.terms
        assert s.keys(analysis, VOCABULARY) == []
        assert s.score(analysis, s.analyse(OFFICIAL), VOCABULARY).score == 0.0


def test_it_bounds_very_long_text():
    analysis = s.analyse("đường ấp 3 ngập " * 5_000)
    assert analysis.terms and len(analysis.words) <= s.MAX_TEXT


@given(st.text(max_size=300), st.text(max_size=300))
def test_it_scores_any_two_texts_within_zero_and_one(a, b):
    match = s.score(s.analyse(a), s.analyse(b), VOCABULARY)
    assert 0.0 <= match.score <= 1.0
    assert all(isinstance(k, int) and -(2**31) <= k < 2**31 for k in s.keys(s.analyse(a), VOCABULARY))
