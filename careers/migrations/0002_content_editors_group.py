from django.db import migrations

CONTENT_EDITORS = "Content editors"


def create_group(apps, schema_editor):
    # Permissions are granted after migrate (careers.signals), once they exist.
    apps.get_model("auth", "Group").objects.get_or_create(name=CONTENT_EDITORS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("careers", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
