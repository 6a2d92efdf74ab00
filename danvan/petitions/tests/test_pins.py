from danvan.petitions.pins import check_pin, hash_pin, new_pin


def test_it_checks_a_pin_against_its_keyed_hash():
    pin = new_pin()
    stored = hash_pin(pin)
    assert len(pin) == 6 and pin.isdigit()
    assert check_pin(pin, stored) and check_pin(f" {pin} ", stored)
    assert not check_pin("x" + pin[1:], stored)
    assert hash_pin(pin) != stored  # salted


def test_it_refuses_malformed_stored_values():
    assert not check_pin("123456", "")
    assert not check_pin("123456", "argon2$whatever")
