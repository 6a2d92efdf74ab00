"""Seed the system's default criteria set of each subject (collective model, individual model,
commune party organisation, agency), published as version 1."""

from django.db import migrations


def seed(apps, schema_editor):
    from danvan.emulation.defaults import install

    install(apps)


def unseed(apps, schema_editor):
    CriteriaSet = apps.get_model("emulation", "CriteriaSet")
    unused = CriteriaSet.objects.filter(unit__isnull=True, version=1, frozen_at__isnull=True)
    for criteria_set in unused:
        for group in criteria_set.groups.all():
            group.criteria.all().delete()
            group.delete()
        criteria_set.grades.all().delete()
        criteria_set.delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
