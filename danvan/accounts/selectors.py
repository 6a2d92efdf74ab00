from django.db.models import QuerySet

from danvan.units.models import Organisation

from . import scoping
from .models import Membership
from .roles import Capability


def memberships_managed_by(*, user) -> QuerySet[Membership]:
    """Memberships in the subtree the user administers."""
    qs = Membership.objects.filter(is_active=True).select_related(
        "user", "unit", "organisation", "created_by"
    )
    return scoping.scope_to_units(qs, user, capability=Capability.MANAGE_MEMBERS).order_by(
        "unit__path", "user__username"
    )


def organisations_managed_by(*, user) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(is_active=True).select_related("unit")
    return scoping.scope_to_units(qs, user, capability=Capability.MANAGE_MEMBERS)
