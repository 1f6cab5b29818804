"""Dialing eligibility: may a customer place a call now, and if not, why and until when."""
