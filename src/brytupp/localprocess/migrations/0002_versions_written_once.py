"""The versions of a district's local process are its history: written once, never changed or
deleted (decision 0051), as the journal's versions are (cases 0011)."""

from django.db import migrations

WRITTEN_ONCE = """
CREATE FUNCTION localprocess_version_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'local process versions are written once';
END
$$;
CREATE TRIGGER local_offer_version_written_once
    BEFORE UPDATE OR DELETE ON localprocess_localofferversion
    FOR EACH ROW EXECUTE FUNCTION localprocess_version_written_once();
"""

WRITTEN_ONCE_REVERSE = """
DROP TRIGGER local_offer_version_written_once ON localprocess_localofferversion;
DROP FUNCTION localprocess_version_written_once();
"""


class Migration(migrations.Migration):
    dependencies = [("localprocess", "0001_local_offers")]

    operations = [migrations.RunSQL(WRITTEN_ONCE, WRITTEN_ONCE_REVERSE)]
