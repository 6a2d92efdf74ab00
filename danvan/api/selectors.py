from django.db.models import F, QuerySet

from .models import ApiToken


def tokens_of(*, user) -> QuerySet[ApiToken]:
    """A user's own tokens, active first, newest first."""
    return ApiToken.objects.filter(user=user).order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at", "-pk"
    )
