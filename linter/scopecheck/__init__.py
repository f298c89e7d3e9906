"""scopecheck: every permission a Forge app requests is documented, justified and needed."""

__version__ = "0.1.0"
