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


def test_it_never_gives_a_real_petition_a_code_reserved_for_generated_data(monkeypatch):
    # A run of portal submissions drew two "PAZZ…" codes and the benchmark took them for generated rows.
    from danvan.petitions import services

    draws = iter("ZZ" + "A" * 6 + "BC" + "D" * 6)
    monkeypatch.setattr(services.secrets, "choice", lambda _alphabet: next(draws))
    assert services._new_tracking_code() == "PABCDDDDDD"
