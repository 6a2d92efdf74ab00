"""What petitions tell the apps above them, which petitions must not import (DESIGN.md §1)."""

from django.dispatch import Signal

# Sent inside the receiving transaction, once the petition row exists: a receiver that fails
# fails the intake, so an index kept by a receiver never misses a petition. Argument: petition.
petition_received = Signal()
