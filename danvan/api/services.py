"""Writes of the API app: personal tokens and idempotency keys."""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, IdempotencyKey

TOKEN_PREFIX = "dv_"
MAX_ACTIVE_TOKENS = 20
# A token is used on every request; its "last used" column is written at most this often.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def hash_token(token: str) -> str:
    """SHA-256 is enough here: tokens carry 256 random bits, so no slow hash is needed against guessing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


@transaction.atomic
def token_create(*, user, name: str) -> IssuedToken:
    """A new personal token; the caller shows ``secret`` once and never stores it."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên gợi nhớ cho mã (ví dụ: phần mềm iHanoi).")})
    if len(name) > 100:
        raise ValidationError({"name": _("Tên dài quá %(max)s ký tự.") % {"max": 100}})
    # Lock the user's row so two concurrent creations cannot both pass the count.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Bạn đã có %(max)s mã đang dùng; hãy thu hồi mã không dùng nữa.") % {"max": MAX_ACTIVE_TOKENS},
            code="too_many_tokens",
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], token_hash=hash_token(secret)
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke one of one's own tokens; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Bạn chỉ thu hồi được mã của chính mình."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(secret: str):
    """The active user behind a token, or None; notes when the token was last used."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- idempotency ----------------------------------------------------------------------------------


def request_fingerprint(payload: dict) -> str:
    """A stable hash of a request body, so a key reused for a different body is refused."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class IdempotencyConflict(Exception):
    """The key was used before for another operation or another body."""


class IdempotencyRace(Exception):
    """A concurrent request with the same key committed first."""


def idempotency_lookup(*, user, key: str, operation: str, fingerprint: str) -> IdempotencyKey | None:
    """The earlier creation under this key, or None if the key is new."""
    found = IdempotencyKey.objects.filter(user=user, key=key).first()
    if found is None:
        return None
    if found.operation != operation or found.request_hash != fingerprint:
        raise IdempotencyConflict(key)
    return found


def idempotency_record(
    *, user, key: str, operation: str, fingerprint: str, resource, status: int
) -> IdempotencyKey:
    """Remember a creation inside the creation's own transaction.

    A concurrent retry with the same key waits on the unique index and then fails
    here; its transaction rolls back, and the caller answers with the first record.
    """
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                user=user,
                key=key,
                operation=operation,
                request_hash=fingerprint,
                resource_type=resource._meta.label_lower,
                resource_id=resource.pk,
                response_status=status,
            )
    except IntegrityError as error:
        raise IdempotencyRace(key) from error


def idempotency_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=30)) -> int:
    """Forget keys older than ``older_than``; a client retries within minutes, not months."""
    deleted, _counts = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
