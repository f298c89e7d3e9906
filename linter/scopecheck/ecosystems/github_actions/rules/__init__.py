"""The rules only GitHub Actions has: SC207-SC210, SC405, SC406."""
