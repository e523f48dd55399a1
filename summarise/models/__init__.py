"""Models: the registry, the local store and lock file, pulling, and lazy cached loading."""
