"""Ecosystem adapters: each turns one kind of manifest into the neutral Manifest model."""
