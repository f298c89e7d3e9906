"""Reading JavaScript with tree-sitter: the calls a script makes, by their member chain."""
