"""The domain: every read rule and every write. No strawberry, no dramatiq here."""
