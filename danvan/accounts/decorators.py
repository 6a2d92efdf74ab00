from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from .scoping import is_member


def member_required(view):
    """Logged in and holding at least one active membership; otherwise a clear refusal."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            return render(request, "accounts/no_membership.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
