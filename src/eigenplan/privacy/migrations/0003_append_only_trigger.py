"""On PostgreSQL, the database itself refuses to change or delete an audit event: a trigger
raises on every UPDATE or DELETE of privacy_auditevent, whoever asks. (Other databases: the
model refuses, and `eigenplan audit verify` finds what was changed behind its back.)

TRUNCATE is not covered: Django's test runner empties tables with it. Deny it, and ALTER TABLE
(which can disable the trigger), by letting the application connect as a role that does not own
the tables.
"""

from django.db import migrations

FORWARD = [
    """
CREATE OR REPLACE FUNCTION privacy_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % of % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$
""",
    """
CREATE TRIGGER privacy_auditevent_append_only
    BEFORE UPDATE OR DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_auditevent_append_only()
""",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent",
    "DROP FUNCTION IF EXISTS privacy_auditevent_append_only()",
]


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and does nothing elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_append_only_chain")]

    operations = [PostgreSQLOnly(FORWARD, REVERSE)]
