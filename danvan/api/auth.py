"""Who is calling: a personal token (``Authorization: Bearer dv_…``), or the browser's session."""

from __future__ import annotations

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from .services import token_authenticate


class TokenAuth(HttpBearer):
    """A personal API token created on /tai-khoan/api-token/."""

    def authenticate(self, request, token: str):
        user = token_authenticate(token)
        if user is None:
            # A wrong or revoked token is refused outright, even when a session cookie came along.
            raise AuthenticationError()
        # The same user object the selectors and services see in the web interface.
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """The logged-in session of the web interface; writes need the CSRF token, as in forms."""

    def __call__(self, request):
        # Without a session cookie there is nobody to check CSRF for: the answer is 401, not 403.
        if self.param_name not in request.COOKIES:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


token_auth = TokenAuth()
session_auth = BrowserSession()
AUTH = [token_auth, session_auth]
