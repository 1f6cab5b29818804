"""Payments: top-ups of customers' balances (manual and PayPal IPN) and the account's
exchange rates."""
