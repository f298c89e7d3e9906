"""SC5xx: changes against a base revision."""
