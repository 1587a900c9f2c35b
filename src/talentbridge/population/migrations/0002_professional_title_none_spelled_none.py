# A person without a professional title was stored as "" here and as "none" in mobility; both now store
# "none", the vocabulary's code. The meaning of no row changes: "" and "none" both say "no title".

from django.db import migrations, models


def blank_to_none(apps, schema_editor):
    Person = apps.get_model("population", "Person")
    Person.objects.filter(professional_title="").update(professional_title="none")


def none_to_blank(apps, schema_editor):
    Person = apps.get_model("population", "Person")
    Person.objects.filter(professional_title="none").update(professional_title="")


class Migration(migrations.Migration):
    dependencies = [
        ("population", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(blank_to_none, none_to_blank, elidable=False),
        migrations.AlterField(
            model_name="person",
            name="professional_title",
            field=models.CharField(
                choices=[
                    ("none", "No professional title"),
                    ("junior", "Junior (初级)"),
                    ("intermediate", "Intermediate (中级)"),
                    ("associate_senior", "Associate senior (副高)"),
                    ("senior", "Senior (正高)"),
                ],
                default="none",
                max_length=20,
                verbose_name="professional title",
            ),
        ),
    ]
