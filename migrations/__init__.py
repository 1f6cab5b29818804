"""Aerich migration histories, one per engine (aerich emits dialect-specific SQL)."""
