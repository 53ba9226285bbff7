# The BSN, encrypted, with a keyed hash for exact lookups; never a plain column.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="bsn_encrypted",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Fernet token of the BSN under the first key of EIGENPLAN_BSN_KEYS.",
                verbose_name="BSN (versleuteld)",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="bsn_hash",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text="HMAC-SHA256 of the BSN under EIGENPLAN_BSN_HASH_KEY, for exact lookups.",
                max_length=64,
                verbose_name="BSN-zoeksleutel",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("bsn_hash", ""), _negated=True),
                fields=["bsn_hash"],
                name="households_person_bsn_hash",
            ),
        ),
    ]
