"""scopecheck: every permission a Forge app requests is documented, justified and needed."""

#: the one place a release changes (pyproject.toml reads it); see "Releasing" in the README
__version__ = "0.1.0"
#: where releases are tagged `v<version>`: the pre-commit `repo:` and the Action
REPOSITORY = "scopecheck/scopecheck"
