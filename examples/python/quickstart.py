"""Load a partnership, look at it, catch a bad document.

    .venv/bin/python examples/python/quickstart.py
"""

from pathlib import Path

import partnerkit as pk

here = Path(__file__).resolve().parent.parent / "partnerships"
p = pk.load(here / "state-cac-voca.json")
print(p)
print([org.id for org in p.organizations if org.core])
print(p.find_meeting("in-person-1"))

try:
    pk.loads('{"format": "partnerkit/1", "name": "x", "people": [{"id": "ed", "name": "Ed", "organization": "vocaa"}]}')
except pk.ValidationError as e:
    print(e.path, "->", e.errors[0].message)
