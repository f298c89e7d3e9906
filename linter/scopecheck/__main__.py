"""Allows `python -m scopecheck`."""

from scopecheck.cli import main

if __name__ == "__main__":
    main()
