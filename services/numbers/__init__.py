"""Internal number blocks and SIP users."""
