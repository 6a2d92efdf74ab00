from danvan.petitions import services
from danvan.petitions.choices import Channel, Kind
from danvan.units.services import organisations_ensure_standard


def receive(personas, *, actor=None, unit=None, kind=Kind.PETITION, channel=Channel.CONFERENCE, **extra):
    """A petition raised in commune A, recorded by its officer (or the portal with actor=None)."""
    actor = personas.officer_a if actor is None and channel != Channel.PORTAL else actor
    return services.petition_receive(
        actor=actor,
        unit=unit or personas.tree.commune_a,
        channel=channel,
        kind=kind,
        title=extra.pop("title", "Đường liên ấp xuống cấp"),
        text=extra.pop("text", "Đề nghị sửa chữa tuyến đường liên ấp bị sạt lở, đi lại khó khăn."),
        **extra,
    )


def organisation(unit):
    """The people's committee of a unit."""
    return organisations_ensure_standard(unit=unit)[1]
