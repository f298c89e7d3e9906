"""Reading user files: bytes to positioned YAML nodes, and ignore comments."""
