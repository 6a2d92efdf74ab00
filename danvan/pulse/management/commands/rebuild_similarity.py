"""Recompute the similar-opinions index of every petition (after a bulk load or a new corpus)."""

from django.core.management.base import BaseCommand

from danvan.pulse.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the similar-opinions lookup keys of every petition, in one transaction."

    def handle(self, *args, **options):
        result = rebuild_index(progress=lambda n: self.stderr.write(f"\r{n} petitions", ending=""))
        self.stderr.write("")
        self.stdout.write(f"{result['petitions']} petitions, {result['keys']} keys, {result['seconds']} s")
