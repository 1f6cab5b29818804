// The list's bulk actions. Their payloads carry per-row results, not customers, so the app
// refetches the lists it shows; a dry run changes nothing.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CustomerBulkCreateDocument,
  CustomerBulkDeleteDocument,
  CustomerBulkUpdateDocument,
  CustomerListDocument,
  type CustomerListQuery,
  type CustomerListQueryVariables,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("upload, edit the selection, delete it: the watched list follows after its refetch", async () => {
  const client = await signedIn(env.admin);
  const tag = `bulk-${runId}`;
  const list = watch<CustomerListQuery, CustomerListQueryVariables>(client.apollo, {
    query: CustomerListDocument,
    variables: {
      first: 10,
      where: { tags: { containsAny: [tag] } },
      sortBy: [{ field: "NAME", direction: "ASC" }],
    },
  });
  await list.settles("the empty selection", (data) => data.customers.totalCount === 0);
  const rows = ["A", "B", "C"].map((letter) => ({
    name: `Bulk ${letter} ${runId}`,
    currency: "USD",
    channels: 10,
    tags: [tag],
  }));

  const dry = await client.apollo.mutate({
    mutation: CustomerBulkCreateDocument,
    variables: { input: { rows, dryRun: true } },
  });
  const preview = dry.data!.customerBulkCreate;
  assert.deepEqual([preview.dryRun, preview.applied, preview.failed], [true, 0, 0]);
  assert.deepEqual(
    preview.results.map((row) => row.ok),
    [true, true, true],
  );
  const refetched = await list.query.refetch();
  assert.equal(refetched.data?.customers.totalCount, 0, "a dry run writes nothing");

  const uploaded = await client.apollo.mutate({
    mutation: CustomerBulkCreateDocument,
    variables: { input: { rows, reason: "Spreadsheet import" } },
    refetchQueries: [CustomerListDocument],
    awaitRefetchQueries: true,
  });
  assert.equal(uploaded.data!.customerBulkCreate.applied, 3);
  const shown = await list.settles("three uploaded", (data) => data.customers.totalCount === 3);
  const ids = shown.customers.edges.map((edge) => edge.node.id);

  const edited = await client.apollo.mutate({
    mutation: CustomerBulkUpdateDocument,
    variables: {
      input: { ids, changes: { channels: { increaseBy: 5 }, addTags: ["vip"], status: "INACTIVE" } },
    },
    refetchQueries: [CustomerListDocument],
    awaitRefetchQueries: true,
  });
  const results = edited.data!.customerBulkUpdate.results;
  assert.deepEqual(
    results.map((row) => row.ok),
    [true, true, true],
  );
  assert.deepEqual([...results[0]!.changedFields].sort(), ["channels", "status", "tags"]);
  const after = await list.settles("the edit", (data) =>
    data.customers.edges.every((e) => e.node.channels === 15),
  );
  for (const { node } of after.customers.edges) {
    assert.equal(node.status, "INACTIVE");
    assert.deepEqual(node.tags, [tag, "vip"]);
  }

  const removed = await client.apollo.mutate({
    mutation: CustomerBulkDeleteDocument,
    variables: { input: { ids, reason: "Test data" } },
    refetchQueries: [CustomerListDocument],
    awaitRefetchQueries: true,
  });
  assert.equal(removed.data!.customerBulkDelete.applied, 3);
  await list.settles(
    "none left",
    (data) => data.customers.totalCount === 0 && data.customers.edges.length === 0,
  );
  list.stop();
});

test("an all-or-nothing upload with a bad row reports the row and creates none", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.mutate({
    mutation: CustomerBulkCreateDocument,
    variables: {
      input: {
        rows: [
          { name: `Good ${runId}`, currency: "EUR" },
          { name: `Bad ${runId}`, currency: "XYZ" },
        ],
      },
    },
  });

  const payload = data!.customerBulkCreate;
  assert.equal(payload.applied, 0);
  assert.deepEqual(
    payload.results[1]!.errors.map((error) => [error.field, error.code]),
    [[["input", "rows", "1", "currency"], "INVALID"]],
  );
  const search = await client.apollo.query({
    query: CustomerListDocument,
    variables: { first: 5, search: runId },
  });
  assert.ok(search.data!.customers.edges.every((edge) => !edge.node.name.startsWith("Good")));
});
