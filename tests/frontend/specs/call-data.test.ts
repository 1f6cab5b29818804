// The customer card's call data: balance and today's spend as decimal strings, and the
// summaries refreshed on demand (the roll-up returns once it is done).
import assert from "node:assert/strict";
import { test } from "node:test";

import { CustomerCallDataDocument, CustomerListDocument, SummariesRefreshDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("the card shows balance and spend today, and the summaries refresh on demand", async () => {
  const client = await signedIn(env.admin);
  const list = await client.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });
  const id = list.data!.customers.edges[0]!.node.id;

  const card = await client.apollo.query({ query: CustomerCallDataDocument, variables: { id } });
  assert.match(card.data!.customer!.balance, /^-?\d+(\.\d+)?$/);
  assert.match(card.data!.customer!.spentToday, /^\d+(\.\d+)?$/);

  const { data } = await client.apollo.mutate({
    mutation: SummariesRefreshDocument,
    variables: { input: { customerIds: [id] } },
  });
  assert.deepEqual(data!.summariesRefresh.errors, []);
  assert.ok(data!.summariesRefresh.hoursRecomputed >= 0);
});
