"""Developer scripts (run as files: `python scripts/run_tests.py`); a package so tests can import them."""
