"""The REST API, version 1, served under /api/v1/ with its OpenAPI document at /api/v1/openapi.json."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django.conf import settings
from django.utils import translation
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import errors
from .auth import AUTH
from .endpoints import (
    activities,
    democracy,
    emulation,
    hotspots,
    meetings,
    petitions,
    pulse,
    reference,
    reports,
)

PREFIX = "/api/v1"
OPENAPI_COPY = Path(settings.BASE_DIR) / "docs" / "openapi.json"

DESCRIPTION = """\
API của danvan cho các ứng dụng của tỉnh, thành phố (cổng góp ý, ứng dụng công dân, phần mềm một cửa).

**Xác thực**: `Authorization: Bearer <mã truy cập>`; mỗi cán bộ tự tạo và thu hồi mã của mình tại
trang /tai-khoan/api-token/. Trong trình duyệt đã đăng nhập, phiên làm việc cũng được chấp nhận
(thao tác ghi cần mã CSRF). Mã truy cập thấy và làm được đúng những gì tài khoản đó thấy và làm được
trên giao diện.

**Lỗi**: `{"code": "...", "message": "<tiếng Việt>", "message_en": "<English>", "fields": {...}}`;
401 chưa xác thực, 403 không có quyền, 404 không tìm thấy hoặc ngoài phạm vi, 409 hồ sơ vừa được người
khác cập nhật (`stale_version`) hoặc thao tác không hợp với trạng thái (`illegal_transition`), 422 dữ liệu
không hợp lệ.

**Gửi lại an toàn**: khi tạo ý kiến hoặc hội nghị, gửi kèm `Idempotency-Key`; gửi lại cùng khóa và cùng
nội dung thì nhận lại bản ghi đã tạo.

Người dân và ứng dụng Open311 dùng giao diện GeoReport v2 tại /open311/v2/ (không cần mã truy cập).
"""


def _vietnamese(run):
    """The API answers in Vietnamese whatever the Accept-Language; ``message_en`` carries English."""

    @functools.wraps(run)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return run(*args, **kwargs)

    return wrapper


class Utf8Renderer(JSONRenderer):
    """Vietnamese as text rather than escape sequences: readable in curl and logs, and smaller."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="danvan API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=AUTH,
    docs_url="/docs",
    renderer=Utf8Renderer(),
)
api.add_decorator(_vietnamese, mode="view")
errors.install(api)
api.add_router("", reference.router)
api.add_router("", petitions.router)
api.add_router("", meetings.router)
api.add_router("", reports.router)
api.add_router("", emulation.router)
api.add_router("", activities.router)
api.add_router("", democracy.router)
api.add_router("", pulse.router)
api.add_router("", hotspots.router)


def openapi_document() -> dict:
    """The OpenAPI document as served, in Vietnamese, independent of the request."""
    with translation.override("vi"):
        return json.loads(json.dumps(api.get_openapi_schema(path_prefix=PREFIX + "/"), cls=_Encoder))


def openapi_text() -> str:
    """What ``docs/openapi.json`` must contain."""
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2) + "\n"


class _Encoder(json.JSONEncoder):
    def default(self, o):
        return str(o)
