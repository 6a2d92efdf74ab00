from danvan.textproc import classifier
from danvan.textproc.corpus import evaluation_rows, training_rows

MODEL = None


def model() -> classifier.TopicModel:
    global MODEL
    if MODEL is None:
        MODEL = classifier.TopicModel(
            [
                "Đường liên ấp xuống cấp, ổ gà",
                "duong vao ap hu hong nang",
                "Mương thoát nước tắc, ngập úng",
                "cong thoat nuoc bi tac, ngap het",
                "Bãi rác bốc mùi hôi",
                "rac thai do bua bai, hoi thoi",
            ],
            ["giao-thong-nong-thon"] * 2 + ["thoat-nuoc"] * 2 + ["rac-thai"] * 2,
        )
    return MODEL


def test_it_suggests_a_topic_with_or_without_diacritics():
    assert classifier.suggest("Đường vào ấp nhiều ổ gà", model=model()).topic == "giao-thong-nong-thon"
    assert classifier.suggest("mua xuong la ngap, cong tac", model=model()).topic == "thoat-nuoc"


def test_it_suggests_nothing_for_a_text_without_words():
    for text in ("", "   ", "... !!!", "😀"):
        assert classifier.suggest(text, model=model()) == classifier.Suggestion(None, 0.0)


def test_it_says_nothing_when_unsure():
    suggestion = classifier.suggest("Đường vào ấp nhiều ổ gà", model=model(), min_probability=0.99)
    assert suggestion.topic is None and 0 < suggestion.score < 0.99


def test_it_measures_topic_agreement_between_texts():
    same, other = model().agreement("Đường hư hỏng nặng", ["đường ấp bị hư, ổ gà", "bãi rác hôi thối"])
    assert same > other


def test_it_learns_only_from_the_training_corpus_and_never_sees_an_evaluation_text():
    training = {row["text"] for row in training_rows()}
    assert len(training_rows()) >= 400
    assert not training & {row["text"] for row in evaluation_rows()}


def test_it_never_trains_on_a_page_the_evaluation_set_was_written_from():
    evaluated = {row["source_url"] for row in evaluation_rows()}
    assert not {row["source_url"] for row in training_rows()} & evaluated
