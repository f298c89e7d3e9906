"""Typed, positioned models of what the user wrote: manifest, registry, code usage."""
