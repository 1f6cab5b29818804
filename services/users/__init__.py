"""Managing the account's staff and partner users: invitations, changes, deactivation, and
passwords (set-password links, resets, a user changing its own). Reading them is
services/directory.py."""
