// The Account Manager drop-down: active users only; the chosen one is saved on the customer.
import assert from "node:assert/strict";
import { test } from "node:test";

import { AccountManagerOptionsDocument, CustomerCreateDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";

test("the Account Manager drop-down lists active users, and the pick is saved", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: AccountManagerOptionsDocument });

  const options = data!.users.edges.map((edge) => edge.node);
  assert.ok(options.length > 0);
  assert.ok(options.every((user) => user.active));
  const admin = options.find((user) => user.email === env.admin.email);
  assert.ok(admin, "the signed-in admin is one of the options");
  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `Managed ${runId}`, currency: "EUR", accountManagerId: admin.id } },
  });
  assert.deepEqual(created.data!.customerCreate.customer?.accountManager, {
    __typename: "User",
    id: admin.id,
    name: admin.name,
  });
});
