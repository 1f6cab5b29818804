"""Contacts: a customer's people, reached by e-mail and SMS, and the customer portal's logins."""
