"""SC1xx: the justification registry is complete, current and meaningful."""
