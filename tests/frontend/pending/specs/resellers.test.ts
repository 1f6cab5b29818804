// The Reseller drop-down: staff see every reseller, a partner only its own.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CustomerCreateDocument, ResellerOptionsDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";

test("the Reseller drop-down offers the account's resellers, and the pick is saved", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: ResellerOptionsDocument });

  const northwind = data!.resellers.edges
    .map((edge) => edge.node)
    .find((r) => r.name === "Northwind Partners");
  assert.ok(northwind);
  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `Resold ${runId}`, currency: "USD", resellerId: northwind.id } },
  });
  assert.equal(created.data!.customerCreate.customer?.reseller?.id, northwind.id);
});

test("a partner's drop-down holds its own reseller only", async () => {
  const partner = await signedIn(env.partner);

  const { data } = await partner.apollo.query({ query: ResellerOptionsDocument });

  assert.deepEqual(
    data!.resellers.edges.map((edge) => edge.node.name),
    ["Northwind Partners"],
  );
});
