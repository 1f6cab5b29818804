"""Delay and Save: changes stored now and applied by the scheduler when due (README "Delay and Save")."""
