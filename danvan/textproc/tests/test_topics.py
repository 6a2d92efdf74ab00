from danvan.textproc.folding import fold
from danvan.textproc.topics import rules_from, suggest_topic

RULES = rules_from(
    [
        (1, "đường\ncầu\nbê tông hóa"),
        (2, "ô nhiễm\nmùi hôi\nxả thải"),
        (3, "giá\nnông sản\ntiêu thụ"),
    ]
)


def test_it_folds_vietnamese_for_search():
    assert fold("Huyện Cầu  Ngang") == "huyen cau ngang"
    assert fold("ĐƯỜNG ĐÊ") == "duong de"


def test_it_suggests_the_topic_whose_keywords_match():
    assert suggest_topic("Đề nghị bê tông hóa đường liên ấp", RULES) == 1
    assert suggest_topic("Trại heo xả thải gây mùi hôi", RULES) == 2
    assert suggest_topic("gia nong san bap benh", RULES) == 3


def test_it_matches_whole_words_only():
    # "giá" (price) must not match inside "giáo" (teacher).
    assert suggest_topic("Giáo viên thiếu", RULES) is None


def test_it_suggests_nothing_without_a_match():
    assert suggest_topic("Chúc mừng năm mới", RULES) is None
    assert suggest_topic("", RULES) is None
