"""Who may do what to one petition, on top of the unit scoping rule."""

from __future__ import annotations

from danvan.accounts import scoping
from danvan.accounts.roles import ROLE_CAPABILITIES, Capability, Role


def may_record(user, petition) -> bool:
    """Officers, board and administrators of the handling unit's tree: accept, forward, close…"""
    return scoping.can(user, Capability.RECORD, petition.handling_unit)


def may_handle(user, petition) -> bool:
    """Board and administrators of the handling unit's tree, or a handler of the assigned organisation."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for membership in scoping.active_memberships(user):
        if Capability.HANDLE not in ROLE_CAPABILITIES[membership.role]:
            continue
        if not petition.handling_unit.path.startswith(membership.unit.path):
            continue
        if membership.role != Role.HANDLER or membership.organisation_id == petition.handling_organisation_id:
            return True
    return False


def may_see_identity(user, petition) -> bool:
    """The citizen's name and contact are for those handling the petition, not for every reader."""
    return may_handle(user, petition) or may_record(user, petition)
