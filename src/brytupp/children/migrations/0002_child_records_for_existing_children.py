"""A record for every child already in a case (decision 0044): placed with the case's person,
or registered as their child. In two statements, whatever the number of cases."""

from django.db import migrations

SQL = """
INSERT INTO children_childrecord (case_id, child_id, school_kind, school_name)
SELECT DISTINCT k.id, pc.child_id, 'okand', ''
FROM interventions_placementchild pc
JOIN interventions_placement p ON p.id = pc.placement_id
JOIN cases_case k ON k.id = p.case_id
ON CONFLICT (case_id, child_id) DO NOTHING;
INSERT INTO children_childrecord (case_id, child_id, school_kind, school_name)
SELECT DISTINCT k.id, g.child_id, 'okand', ''
FROM people_guardianship g
JOIN cases_case k ON k.person_id = g.guardian_id
ON CONFLICT (case_id, child_id) DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0001_initial"),
        ("cases", "0013_account_version_reason_written_once"),
        ("interventions", "0005_after_hours_decisions"),
        ("people", "0009_person_name_upper_index"),
    ]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
