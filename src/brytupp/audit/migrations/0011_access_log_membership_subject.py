"""Whose membership a membership-change entry is about, and what happened to which role.

Both columns are nullable without a default: on the partitioned log (migration 0004) ADD
COLUMN on the parent adds them to every month's partition and to the default one without
rewriting a row, and the append-only triggers (row changes only) are not involved. Entries
written before keep NULL in both, which the hash leaves out (chain.OPTIONAL_HASHED_FIELDS), so
they verify as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0010_access_log_partition_privileges'),
    ]

    operations = [
        migrations.AddField(
            model_name='accesslogentry',
            name='membership_change',
            field=models.CharField(blank=True, max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='accesslogentry',
            name='subject_public_id',
            field=models.UUIDField(blank=True, null=True),
        ),
    ]
