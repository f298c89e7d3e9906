"""SC2xx: each requested scope is real, current, allowed and needed at that breadth."""
