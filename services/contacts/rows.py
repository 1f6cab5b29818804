"""A page of the contacts list as plain rows, for the compiled read path (gql/compiled): the
statement `list_contacts` runs (its checks, scope, filter, order and cursors), selecting only the
wanted fields, run by services/rows.py; statements of lists without a filter or cursor are kept."""

from __future__ import annotations

from models import Contact
from services import rows
from services.actor import Actor
from services.contacts.queries import ContactQuery, check_list, contact_page_query
from services.listing import PageRequest
from services.rows import RowPage, StatementCache

STATEMENTS = StatementCache()


async def contact_rows(
    actor: Actor, page: PageRequest, query: ContactQuery, fields: tuple[str, ...], total: bool
) -> RowPage:
    """The page `list_contacts` reads (same refusals), as rows of these fields."""
    check_list(actor)
    key = None
    if query.where is None and not query.search and page.after is None and page.before is None:
        scope = (
            actor.account_id,
            actor.reseller_id,
            actor.is_portal,
            actor.customer_id,
            actor.contact_id,
            actor.portal_manages_contacts,
        )
        key = (scope, page.first, page.last, query.sort, fields, total, Contact._meta.db.capabilities.dialect)
    statement = STATEMENTS.get(
        key, lambda: rows.plain_statement(contact_page_query(actor, page, query), list(fields), total)
    )
    return await rows.run(statement)
