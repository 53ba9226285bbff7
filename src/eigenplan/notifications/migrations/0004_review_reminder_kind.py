from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_commitment_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="message",
            name="kind",
            field=models.CharField(
                choices=[
                    ("invitation", "Uitnodiging voor de kring"),
                    ("invitation_code", "Code bij een uitnodiging"),
                    ("sign_in_link", "Link om in te loggen"),
                    ("emergency_access", "Noodtoegang"),
                    ("coordinator_changed", "Nieuwe regisseur"),
                    ("commitment_request", "Vraag aan een kringlid"),
                    ("commitment_answer", "Antwoord van een kringlid"),
                    ("review_reminder", "Herinnering: terugkijken op het plan"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
    ]
