from .roles import Capability
from .scoping import active_memberships, scope_for


def memberships(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "current_memberships": active_memberships(user),
        "can_manage_members": not scope_for(user, Capability.MANAGE_MEMBERS).is_empty,
    }
