"""Print pip constraints that pin every dependency to the lower bound pyproject.toml states.

CI installs the project a second time with these (`pip install -e '.[test]' -c FILE`) and runs the
suite there, so a bound that no longer holds shows as a CI failure rather than as a broken install
for whoever gets the oldest allowed versions. The pins are derived here, never written by hand, so
they cannot drift from pyproject.toml.

Usage: python3 .ci/lower_bounds.py [EXTRA ...] > constraints.txt   (runtime deps + each EXTRA)
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

# PEP 508, as far as this project uses it: a name, optional [extras], comma-separated version
# specifiers, an optional `; marker`.
REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*"
    r"(?P<specifiers>[^;]*?)\s*(;\s*(?P<marker>.+))?$"
)


def lower_bound_pin(requirement: str) -> str:
    """`name==X` for a requirement that says `name>=X` (an upper bound beside it is ignored)."""
    match = REQUIREMENT.match(requirement)
    if match is None:
        raise SystemExit(f"cannot read the requirement {requirement!r}")
    lower = [
        spec.strip()[2:].strip()
        for spec in match["specifiers"].split(",")
        if spec.strip().startswith(">=")
    ]
    if len(lower) != 1:
        raise SystemExit(
            f"{requirement!r} states no single lower bound (`>=X`): CI tests every dependency at "
            "its lower bound, so each needs one"
        )
    # Extras are left out: pip refuses them in constraints, and `.[test]` brings them anyway.
    pin = f"{match['name']}=={lower[0]}"
    return f"{pin} ; {match['marker']}" if match["marker"] else pin


def main(extras: list[str]) -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    pins = dict.fromkeys(lower_bound_pin(requirement) for requirement in requirements)
    print("\n".join(pins))


if __name__ == "__main__":
    main(sys.argv[1:])
