"""Call data: the CDR feed, the hourly roll-up, balances, spend and channels in use."""
