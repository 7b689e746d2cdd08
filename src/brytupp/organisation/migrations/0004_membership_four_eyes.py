"""Four eyes for memberships (decision 0017): a proposal state on each membership.

Every membership that exists before this migration was made by the system or by an
administrator before the rule, and works today: it becomes approved (by no one: ``decided_by``
stays empty), so that no one loses access on the day of the upgrade.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def approve_existing(apps, schema_editor):
    apps.get_model("organisation", "Membership").objects.update(status="approved")


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0003_user_identity_number_digest'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='decided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='decided at'),
        ),
        migrations.AddField(
            model_name='membership',
            name='decided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved or refused by'),
        ),
        migrations.AddField(
            model_name='membership',
            name='proposed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='proposed at'),
        ),
        migrations.AddField(
            model_name='membership',
            name='proposed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='proposed by'),
        ),
        migrations.AddField(
            model_name='membership',
            name='refusal_reason',
            field=models.TextField(blank=True, editable=False, verbose_name='reason for refusal'),
        ),
        migrations.AddField(
            model_name='membership',
            name='status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('approved', 'Approved'), ('refused', 'Refused')], default='proposed', editable=False, max_length=10, verbose_name='status'),
        ),
        migrations.AddIndex(
            model_name='membership',
            index=models.Index(fields=['status'], name='membership_status_idx'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(('decided_by', models.F('proposed_by')), _negated=True), name='membership_decided_by_not_proposer'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(('decided_by', models.F('user')), _negated=True), name='membership_decided_by_not_member'),
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
