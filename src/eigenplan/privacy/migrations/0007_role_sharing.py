# What the resident shares with each professional role of the household's team, as history.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('households', '0005_teams'),
        ('privacy', '0006_correction_requests_and_retention_rules'),
    ]

    operations = [
        migrations.CreateModel(
            name='RoleSharingDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('coordinator', 'Mijn regisseur'), ('team_member', 'Andere medewerkers van het buurtteam'), ('team_lead', 'De teamleider')], max_length=16)),
                ('parts', models.JSONField(default=list)),
                ('decided_by_id', models.BigIntegerField(null=True)),
                ('decided_by_name', models.CharField(max_length=150)),
                ('decided_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='role_sharing_decisions', to='households.household')),
            ],
            options={
                'verbose_name': 'besluit over delen met een rol',
                'verbose_name_plural': 'besluiten over delen met een rol',
                'ordering': ['-decided_at', '-id'],
                'indexes': [models.Index(fields=['household', 'role', '-decided_at', '-id'], name='privacy_role_sharing')],
            },
        ),
    ]
