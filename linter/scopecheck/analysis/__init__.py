"""Code analysis every ecosystem can use (the Forge SDK's own analysis lives with Forge)."""
