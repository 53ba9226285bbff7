# Neighbourhood teams: a team serves neighbourhoods, professionals are its members with a role,
# and a household belongs to a team (by default the team of its neighbourhood).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('households', '0004_circle_invitation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Team',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True, verbose_name='naam')),
            ],
            options={
                'verbose_name': 'buurtteam',
                'verbose_name_plural': 'buurtteams',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='household',
            name='team',
            field=models.ForeignKey(blank=True, help_text='Leeg laten: dan is het het team van de buurt.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='households', to='households.team', verbose_name='buurtteam'),
        ),
        migrations.AddField(
            model_name='neighbourhood',
            name='team',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='neighbourhoods', to='households.team', verbose_name='buurtteam'),
        ),
        migrations.CreateModel(
            name='TeamMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('coordinator', 'Regisseur'), ('colleague', 'Teamlid'), ('lead', 'Teamleider')], max_length=12, verbose_name='rol in het team')),
                ('function', models.CharField(blank=True, help_text='Bijvoorbeeld: schuldhulpverlener, jongerenwerker, wijkverpleegkundige.', max_length=80, verbose_name='functie')),
                ('team', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='households.team', verbose_name='buurtteam')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='team_memberships', to=settings.AUTH_USER_MODEL, verbose_name='professional')),
            ],
            options={
                'verbose_name': 'lid van een buurtteam',
                'verbose_name_plural': 'leden van buurtteams',
                'ordering': ['team', 'role', 'id'],
                'constraints': [models.UniqueConstraint(fields=('team', 'user'), name='one_membership_per_team')],
            },
        ),
    ]
