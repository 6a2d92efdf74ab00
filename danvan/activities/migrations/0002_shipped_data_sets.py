"""Install the data sets named in issue 7: dossiers, supervision and social critique, training,
grassroots democracy and the friendly-government rating of communes (see catalogue.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from danvan.activities import catalogue

    catalogue.install(lambda name: apps.get_model("activities", name))


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
