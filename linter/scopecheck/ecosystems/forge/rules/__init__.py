"""The rules only Forge has: SC105, SC205, SC206, SC304, SC401-SC404."""
