"""``audit_access_log_head()``: the last entry of the access log, for the chain writer.

The writer reads the head (the entry with the highest seq) at every write. Since the log is
partitioned by month, that query reads the top of each month's seq index, which is quick, but
planning it anew for every write (Django's client-side cursor prepares nothing) costs more
than running it: about 1 ms at 50 months. PL/pgSQL keeps the plan of the query inside a
function for the life of the connection, so the writer calls this function instead
(bench/audit_log.py; docs/performance.md). The head is still found by seq alone, whatever the
times say.
"""

from django.db import migrations

HEAD_FUNCTION = """
CREATE FUNCTION audit_access_log_head(
    OUT last_seq bigint, OUT last_hash varchar, OUT last_at timestamp with time zone
) LANGUAGE plpgsql STABLE AS $$
BEGIN
    SELECT entry.seq, entry.entry_hash, entry.at INTO last_seq, last_hash, last_at
    FROM audit_accesslogentry AS entry
    ORDER BY entry.seq DESC
    LIMIT 1;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_access_log_user_local_day_index")]

    operations = [
        migrations.RunSQL(HEAD_FUNCTION, "DROP FUNCTION audit_access_log_head()"),
    ]
