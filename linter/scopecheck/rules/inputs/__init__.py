"""SC0xx: problems with the input files themselves, reported by the loaders and the engine."""
