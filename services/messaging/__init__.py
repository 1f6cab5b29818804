"""E-mail and SMS: the outbox, the senders and the message templates."""
