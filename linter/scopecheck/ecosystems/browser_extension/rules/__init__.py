"""The rules only browser extensions have: SC211."""
