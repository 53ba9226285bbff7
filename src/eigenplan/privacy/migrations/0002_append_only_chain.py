"""Audit events become append-only and hash-chained.

Who and which household become plain numbers (the foreign keys with SET_NULL would update audit
rows when a user or household is deleted; their columns and indexes stay, only the constraints
go). Existing events are chained in the order they were written (by id), with the key in the
environment at migration time: see eigenplan.privacy.chain.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def chain_existing_events(apps, schema_editor):
    from eigenplan.privacy import chain

    AuditEvent = apps.get_model("privacy", "AuditEvent")
    AuditChainHead = apps.get_model("privacy", "AuditChainHead")
    events = AuditEvent.objects.using(schema_editor.connection.alias)
    key = chain.audit_key()
    sequence, prev_hash, last_id = 0, chain.GENESIS, 0
    while True:
        batch = list(events.filter(id__gt=last_id).order_by("id")[:BATCH])
        if not batch:
            break
        for event in batch:
            sequence += 1
            event.detail = chain.normalise_detail(event.detail)
            event.sequence = sequence
            event.prev_hash = prev_hash
            event.hash = chain.event_hash(
                {name: getattr(event, name) for name in chain.HASHED_FIELDS}, key
            )
            prev_hash = event.hash
        events.bulk_update(batch, ["detail", "sequence", "prev_hash", "hash"])
        last_id = batch[-1].id
    AuditChainHead.objects.using(schema_editor.connection.alias).create(
        id=1, sequence=sequence, hash=prev_hash
    )


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0001_initial"),
        ("privacy", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("sequence", models.BigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RemoveIndex(model_name="auditevent", name="privacy_aud_househo_ffd17d_idx"),
        # Drop the foreign key constraints, keep the columns and their indexes ...
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="household",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="households.household",
            ),
        ),
        # ... and call them what they now are: numbers (the same columns, so state only).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="auditevent", name="actor"),
                migrations.AddField(
                    model_name="auditevent",
                    name="actor_id",
                    field=models.BigIntegerField(blank=True, db_index=True, null=True),
                ),
                migrations.RemoveField(model_name="auditevent", name="household"),
                migrations.AddField(
                    model_name="auditevent",
                    name="household_id",
                    field=models.BigIntegerField(blank=True, db_index=True, null=True),
                ),
            ]
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="actor_organisation",
            field=models.CharField(blank=True, default="", max_length=150),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.BigIntegerField(unique=True),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["household_id", "-occurred_at"], name="privacy_event_household"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("verb", "view")),
                fields=["actor_id", "household_id", "object_type", "-occurred_at"],
                name="privacy_event_last_view",
            ),
        ),
    ]
