"""Background work: Dramatiq actors on Redis, or the same actors in-process (embedded mode)."""
