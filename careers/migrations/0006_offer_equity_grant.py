"""Offers keep the whole equity grant, not a yearly figure: a saved yearly figure becomes a
four-year grant on the default schedule (25% a year), which pays the same each year."""

from django.db import migrations
from django.db.models import F


def yearly_to_grant(apps, schema_editor):
    Offer = apps.get_model("careers", "Offer")
    # A grant must stay below the ten-million limit every amount has: cap, then multiply.
    Offer.objects.filter(equity_grant_usd__gte=2_500_000).update(equity_grant_usd=9_999_999)
    Offer.objects.filter(equity_grant_usd__lt=2_500_000).update(
        equity_grant_usd=F("equity_grant_usd") * 4
    )


def grant_to_yearly(apps, schema_editor):
    Offer = apps.get_model("careers", "Offer")
    for offer in Offer.objects.all():
        offer.equity_grant_usd = (2 * offer.equity_grant_usd + 4) // 8
        offer.save(update_fields=["equity_grant_usd"])


class Migration(migrations.Migration):
    dependencies = [("careers", "0005_content_version_moves_to_sitewide")]

    operations = [
        migrations.RemoveConstraint(model_name="offer", name="offer_amounts_below_ten_million"),
        migrations.RenameField(
            model_name="offer", old_name="equity_usd_per_year", new_name="equity_grant_usd"
        ),
        migrations.RunPython(yearly_to_grant, grant_to_yearly),
    ]
