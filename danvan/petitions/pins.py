"""Citizens' PINs: six digits, stored as a keyed hash.

A password hasher (Argon2) would cost ~0.1 s per petition and still not protect a
6-digit PIN from an offline search; what protects it is the per-IP rate limit online
and, offline, the key: an HMAC keyed with SECRET_KEY and a per-petition salt.
"""

from __future__ import annotations

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

PREFIX = "hmac-sha256"


def new_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _digest(pin: str, salt: str) -> str:
    return salted_hmac(f"danvan.petition-pin.{salt}", pin, algorithm="sha256").hexdigest()


def hash_pin(pin: str) -> str:
    salt = secrets.token_hex(8)
    return f"{PREFIX}${salt}${_digest(pin, salt)}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        prefix, salt, digest = stored.split("$", 2)
    except ValueError:
        return False
    return prefix == PREFIX and constant_time_compare(_digest((pin or "").strip(), salt), digest)
