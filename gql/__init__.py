"""The GraphQL adapter: decodes input, calls one service, maps the result."""
