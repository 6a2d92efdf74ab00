"""One error body for the whole REST API: a stable ``code``, Vietnamese and English messages.

``{"code": "not_found", "message": "<vi>", "message_en": "<en>", "fields": {...}}``

Services raise Django's ``ValidationError`` and ``PermissionDenied`` with Vietnamese
messages. ``message`` carries them as they are; ``message_en`` is their English
translation from the gettext catalogue when one exists, otherwise the stable English
sentence of the error code, so a client always gets both languages.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .services import IdempotencyConflict


@dataclass(frozen=True)
class ErrorKind:
    status: int
    message: object  # a lazy Vietnamese string
    message_en: str


ERRORS: dict[str, ErrorKind] = {
    "unauthenticated": ErrorKind(
        401,
        gettext_lazy("Thiếu mã truy cập API, hoặc mã đã bị thu hồi."),
        "Missing API token, or the token has been revoked.",
    ),
    "forbidden": ErrorKind(
        403, gettext_lazy("Bạn không có quyền thực hiện thao tác này."), "You may not do this."
    ),
    "csrf_failed": ErrorKind(
        403,
        gettext_lazy("Phiên đăng nhập trên trình duyệt cần mã CSRF cho thao tác ghi."),
        "A browser session needs a CSRF token to write.",
    ),
    "not_found": ErrorKind(404, gettext_lazy("Không tìm thấy."), "Not found."),
    "invalid": ErrorKind(422, gettext_lazy("Dữ liệu gửi lên không hợp lệ."), "The request is not valid."),
    "idempotency_key_reused": ErrorKind(
        422,
        gettext_lazy("Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."),
        "This Idempotency-Key was already used for a different request.",
    ),
    "stale_version": ErrorKind(
        409,
        gettext_lazy("Hồ sơ vừa được người khác cập nhật; hãy tải lại rồi thao tác lại."),
        "The record was changed by someone else; reload it and try again.",
    ),
    "illegal_transition": ErrorKind(
        409,
        gettext_lazy("Thao tác này không thực hiện được ở trạng thái hiện tại."),
        "This action is not possible in the current state.",
    ),
    "rate_limited": ErrorKind(
        429, gettext_lazy("Quá nhiều yêu cầu; hãy thử lại sau."), "Too many requests; try again later."
    ),
}

# Codes that services put on ValidationError, and the API code each becomes.
SERVICE_CODES = {"stale": "stale_version", "illegal_transition": "illegal_transition"}


class ApiError(Exception):
    """Raised by endpoints for an error the services do not express themselves."""

    def __init__(self, code: str, message: str | None = None, fields: dict | None = None):
        self.code, self.fields = code, fields
        self.message = message if message is not None else str(ERRORS[code].message)
        super().__init__(self.message)


# --- Vietnamese → English through the gettext catalogue --------------------------------------------

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@functools.cache
def _english_catalogue() -> dict[str, str]:
    """msgid → English msgstr for every translated entry of the English catalogue."""
    with translation.override("en"):
        catalogue = translation.trans_real.translation("en")._catalog
        return {k: v for k, v in catalogue.items() if isinstance(k, str) and k and v and k != v}


@functools.cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    """Messages with %(name)s placeholders, as regexes that recover the values from a rendered text."""
    patterns = []
    for msgid, msgstr in _english_catalogue().items():
        # A message made of placeholders and spaces alone would match any text at all.
        if "%(" not in msgid or len(re.sub(r"\W", "", _PLACEHOLDER.sub("", msgid))) < 3:
            continue
        parts, last = [], 0
        for match in _PLACEHOLDER.finditer(msgid):
            parts.append(re.escape(msgid[last : match.start()]))
            parts.append(f"(?P<{match.group(1)}>.+?)")
            last = match.end()
        parts.append(re.escape(msgid[last:]))
        try:
            pattern = re.compile("^" + "".join(parts) + "$", re.DOTALL)
        except re.error:  # a placeholder used twice; such messages stay untranslated
            continue
        patterns.append((len(_PLACEHOLDER.sub("", msgid)), pattern, msgstr))
    # The most specific message first: "Ý kiến %(code)s" must not swallow a longer sentence.
    patterns.sort(key=lambda item: -item[0])
    return [(pattern, msgstr) for _length, pattern, msgstr in patterns]


def to_english(message: str) -> str | None:
    """The English text of a Vietnamese message rendered by ``gettext``, if the catalogue has one."""
    catalogue = _english_catalogue()
    if message in catalogue:
        return catalogue[message]
    for pattern, msgstr in _patterns():
        match = pattern.match(message)
        if match:
            try:
                return msgstr % match.groupdict()
            except (KeyError, ValueError, TypeError):
                return None
    return None


# --- bodies ----------------------------------------------------------------------------------------


def error_body(code: str, message: str | None = None, fields: dict | None = None) -> dict:
    kind = ERRORS[code]
    message = message or str(kind.message)
    body = {"code": code, "message": message, "message_en": to_english(message) or kind.message_en}
    if fields:
        body["fields"] = fields
    return body


def _validation_error(error: DjangoValidationError) -> tuple[str, str, dict | None]:
    codes = (
        {getattr(e, "code", None) for e in error.error_list} if not hasattr(error, "error_dict") else set()
    )
    code = next((SERVICE_CODES[c] for c in codes if c in SERVICE_CODES), "invalid")
    if hasattr(error, "error_dict"):
        fields = {name: list(messages) for name, messages in error.message_dict.items()}
        message = " ".join(m for messages in fields.values() for m in messages)
        return code, message, fields
    return code, " ".join(error.messages), None


# Vietnamese for the request-validation errors clients meet most; anything else keeps pydantic's text.
PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("Trường này là bắt buộc."),
    "int_parsing": gettext_lazy("Phải là số nguyên."),
    "int_type": gettext_lazy("Phải là số nguyên."),
    "float_parsing": gettext_lazy("Phải là số."),
    "bool_parsing": gettext_lazy("Phải là true hoặc false."),
    "string_type": gettext_lazy("Phải là chuỗi ký tự."),
    "string_too_long": gettext_lazy("Quá dài."),
    "string_too_short": gettext_lazy("Quá ngắn."),
    "string_pattern_mismatch": gettext_lazy("Sai định dạng."),
    "greater_than_equal": gettext_lazy("Giá trị quá nhỏ."),
    "less_than_equal": gettext_lazy("Giá trị quá lớn."),
    "date_from_datetime_parsing": gettext_lazy("Ngày phải có dạng YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Ngày phải có dạng YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Thời điểm phải theo ISO 8601."),
    "datetime_from_date_parsing": gettext_lazy("Thời điểm phải theo ISO 8601."),
    "enum": gettext_lazy("Giá trị không nằm trong danh sách cho phép."),
    "literal_error": gettext_lazy("Giá trị không nằm trong danh sách cho phép."),
    "json_invalid": gettext_lazy("Nội dung JSON không hợp lệ."),
    "model_attributes_type": gettext_lazy("Nội dung JSON phải là một đối tượng."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "too_long": gettext_lazy("Danh sách quá dài."),
}
# Ninja puts the whole body model under one name; that level says nothing to a client.
_WRAPPERS = {"body", "query", "path", "header", "cookie", "form", "payload", "filters", "ninja_pagination"}


def _field_name(loc) -> str:
    parts = [str(p) for p in loc]
    while parts and parts[0] in _WRAPPERS:
        parts.pop(0)
    return ".".join(parts) or "__all__"


def request_validation_body(error: NinjaValidationError) -> dict:
    fields: dict[str, list[str]] = {}
    english: list[str] = []
    for item in error.errors:
        name = _field_name(item.get("loc", ()))
        vi = PYDANTIC_MESSAGES.get(item.get("type", ""))
        msg = str(item.get("msg", ""))
        # "Value error, <text>" is how pydantic wraps our own validators' messages.
        text = msg.removeprefix("Value error, ")
        fields.setdefault(name, []).append(str(vi) if vi and text == msg else text)
        english.append(f"{name}: {msg}")
    body = error_body("invalid", fields=fields)
    body["message_en"] = "The request is not valid: " + "; ".join(english)
    return body


def install(api) -> None:
    """Route every exception an endpoint can raise to the one error body."""

    def respond(request, code: str, message: str | None = None, fields: dict | None = None, headers=None):
        response = api.create_response(request, error_body(code, message, fields), status=ERRORS[code].status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return respond(request, exc.code, exc.message, exc.fields)

    @api.exception_handler(NinjaValidationError)
    def _request_invalid(request, exc: NinjaValidationError):
        return api.create_response(request, request_validation_body(exc), status=422)

    @api.exception_handler(DjangoValidationError)
    def _service_invalid(request, exc: DjangoValidationError):
        code, message, fields = _validation_error(exc)
        return respond(request, code, message, fields)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc: PermissionDenied):
        return respond(request, "forbidden", str(exc) or None)

    @api.exception_handler(Http404)
    def _not_found(request, exc: Http404):
        return respond(request, "not_found")

    @api.exception_handler(IdempotencyConflict)
    def _key_reused(request, exc: IdempotencyConflict):
        return respond(request, "idempotency_key_reused")

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc: AuthenticationError):
        return respond(request, "unauthenticated", headers={"WWW-Authenticate": 'Bearer realm="danvan"'})

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        if exc.status_code == 403:  # ninja's cookie authentication refusing a write without CSRF
            return respond(request, "csrf_failed")
        code = {401: "unauthenticated", 404: "not_found", 429: "rate_limited"}.get(exc.status_code, "invalid")
        return respond(request, code, _("Yêu cầu không hợp lệ.") if code == "invalid" else None)
