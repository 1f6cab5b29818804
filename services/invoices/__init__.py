"""Invoices: generation from the hourly summaries, numbering, the status life cycle, templates
(sandboxed Jinja2), documents (HTML, PDF, signed links) and sending them."""
