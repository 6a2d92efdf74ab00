from danvan.api.errors import to_english


def test_it_does_not_let_a_placeholder_only_message_swallow_any_text():
    assert to_english("Không có bộ số liệu mang mã “xyz” và một câu chưa dịch") is None


def test_it_translates_a_known_message_with_its_values():
    assert to_english("Không tìm thấy đơn vị có mã “12345”.") == "No unit found with code “12345”."
