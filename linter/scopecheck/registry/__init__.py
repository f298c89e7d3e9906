"""The justification registry (permissions.yml): its model, `init` and the public pages."""
