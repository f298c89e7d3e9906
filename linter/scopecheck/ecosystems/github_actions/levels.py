"""The GITHUB_TOKEN's permission levels, lowest first: a tiny module, so the rules can compare
levels without loading the step analysis (a lint of a Forge app never needs it)."""

LEVEL_ORDER = {"none": 0, "read": 1, "write": 2}
