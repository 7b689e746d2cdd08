"""A child inherits a protected parent's protected identity, in one statement for many.

A child is *with* a parent when placed with them (a ``PlacementChild`` in a placement of the
parent's case) or linked as their child (``Guardianship``). The child's level is raised to
the strongest of their parents' when it is lower; it is never lowered here. The services do
it one child at a time (``people.services``); the import, which bypasses the services for
speed (decision 0013), calls this; migration people 0004 applied it once to existing data.

A raised child's name must be sealed in the same step (decision 0022; the database refuses a
protected row with a name in clear), and sealing needs the keys, which SQL does not have. So
the statement raises only children without a name in clear (every imported person: the
format carries no names); the few with one — registered here, placed with or linked to an
imported parent — are read by the same query and raised one by one in Python.
"""

from __future__ import annotations

from django.db import connection

from .models import PROTECTION_ORDER, Person
from .names import NAME_FIELDS, person_name_store

WANTED = """
WITH rank (level, r) AS (SELECT * FROM unnest(%(levels)s::text[]) WITH ORDINALITY),
links AS (
    SELECT pc.child_id, k.person_id AS parent_id
    FROM interventions_placementchild pc
    JOIN interventions_placement p ON p.id = pc.placement_id
    JOIN cases_case k ON k.id = p.case_id
    WHERE p.id = ANY(%(placements)s) OR k.person_id = ANY(%(parents)s)
    UNION
    SELECT g.child_id, g.guardian_id FROM people_guardianship g
    WHERE g.guardian_id = ANY(%(parents)s)
),
wanted AS (
    SELECT l.child_id, max(pr.r) AS r
    FROM links l
    JOIN people_person parent ON parent.id = l.parent_id
    JOIN rank pr ON pr.level = parent.protected_identity
    GROUP BY l.child_id
)
"""
RAISED = "c.id = w.child_id AND cr.level = c.protected_identity AND w.r > cr.r AND wr.r = w.r"
NAMELESS = "c.first_name = '' AND c.last_name = ''"

# Built from the constants above only: nothing from outside reaches the text.
RAISE_SQL = f"""{WANTED}
UPDATE people_person c SET protected_identity = wr.level
FROM wanted w, rank cr, rank wr
WHERE {RAISED} AND {NAMELESS}
RETURNING c.id
"""  # noqa: S608

NAMED_SQL = f"""{WANTED}
SELECT c.id, wr.level FROM people_person c, wanted w, rank cr, rank wr
WHERE {RAISED} AND NOT ({NAMELESS})
FOR UPDATE OF c
"""  # noqa: S608


def protection_inherit(*, placement_ids=(), parent_ids=()) -> list[int]:
    """Raise the children of these placements, and the children placed with or linked to
    these parents, to their parents' level where lower (one statement). Returns the raised
    children's primary keys."""
    if not placement_ids and not parent_ids:
        return []
    params = {
        "levels": [str(level) for level in PROTECTION_ORDER],
        "placements": list(placement_ids),
        "parents": list(parent_ids),
    }
    with connection.cursor() as cursor:
        cursor.execute(NAMED_SQL, params)
        named = dict(cursor.fetchall())
        cursor.execute(RAISE_SQL, params)
        raised = [row[0] for row in cursor.fetchall()]
    for child in Person.objects.filter(pk__in=list(named)):
        child.protected_identity = named[child.pk]
        person_name_store(child)
        child.save(update_fields=["protected_identity", *NAME_FIELDS])
        raised.append(child.pk)
    return raised
