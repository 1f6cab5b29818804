// Settings > Resellers: a reseller group is created, renamed and deleted; one that customers and
// users still belong to is refused, and the error carries both counts for the screen to show.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ResellerCreateDocument,
  ResellerDeleteDocument,
  ResellerListDocument,
  type ResellerListQuery,
  type ResellerListQueryVariables,
  ResellerUpdateDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("a reseller group is created, renamed in place and deleted", async () => {
  const client = await signedIn(env.admin);

  const created = await client.apollo.mutate({
    mutation: ResellerCreateDocument,
    variables: { input: { name: `Resale ${runId}` } },
  });
  const reseller = created.data!.resellerCreate.reseller!;
  assert.deepEqual([reseller.customerCount, reseller.userCount], [0, 0]);
  const screen = watch<ResellerListQuery, ResellerListQueryVariables>(client.apollo, {
    query: ResellerListDocument,
    variables: { search: runId },
  });
  await screen.settles("the new group", (data) => data.resellers.edges[0]?.node.id === reseller.id);

  const mark = client.traffic.mark();
  await client.apollo.mutate({
    mutation: ResellerUpdateDocument,
    variables: { input: { id: reseller.id, name: `Resale ${runId} Ltd` } },
  });
  await screen.settles(
    "the new name",
    (data) => data.resellers.edges[0]?.node.name === `Resale ${runId} Ltd`,
  );
  assert.deepEqual(client.traffic.since(mark), ["ResellerUpdate"], "renamed in place, no refetch");
  screen.stop();

  const deleted = await client.apollo.mutate({
    mutation: ResellerDeleteDocument,
    variables: { input: { id: reseller.id } },
  });
  assert.deepEqual(
    [deleted.data!.resellerDelete.deletedId, deleted.data!.resellerDelete.errors],
    [reseller.id, []],
  );
  const after = await client.apollo.query({
    query: ResellerListDocument,
    variables: { search: runId },
    fetchPolicy: "network-only",
  });
  assert.equal(after.data!.resellers.totalCount, 0);
});

test("a group that customers and users belong to stays, and the refusal counts them", async () => {
  const client = await signedIn(env.admin);
  const { data } = await client.apollo.query({
    query: ResellerListDocument,
    variables: { search: "Northwind Partners" },
    fetchPolicy: "network-only",
  });
  const northwind = data!.resellers.edges[0]!.node;
  assert.ok(northwind.customerCount > 0 && northwind.userCount > 0);

  const refused = await client.apollo.mutate({
    mutation: ResellerDeleteDocument,
    variables: { input: { id: northwind.id } },
  });
  const partner = await signedIn(env.partner);
  const byPartner = await partner.apollo.mutate({
    mutation: ResellerCreateDocument,
    variables: { input: { name: `Partner made ${runId}` } },
  });

  const [error] = refused.data!.resellerDelete.errors;
  assert.equal(error?.code, "RESELLER_IN_USE");
  assert.deepEqual(
    error?.counts.map((count) => [count.name, count.count]),
    [
      ["customers", northwind.customerCount],
      ["users", northwind.userCount],
    ],
  );
  assert.deepEqual(byPartner.data!.resellerCreate.errors.map((e) => e.code), ["PERMISSION_DENIED"]);
});
