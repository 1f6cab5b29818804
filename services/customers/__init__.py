"""The customer aggregate's services."""
