"""The compiled read path: query documents planned once (plan.py) and served by writing the
services' reads straight into the response (run.py), ahead of graphql-core's per-field execution;
what a plan does not cover runs on the general path (extension.py decides, per request)."""
