import pytest

# The shared helpers assert too (tests/factories.py `refused`): show their failures in detail.
pytest.register_assert_rewrite("tests.factories", "tests.client")
