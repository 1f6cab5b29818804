// Settings > API keys: create one (its secret shown once), use it as an integration would,
// revoke it; the list follows from the mutations' answers.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  type ApiKeysQuery,
  ApiKeysDocument,
  type ApiKeysQueryVariables,
  ApiKeyCreateDocument,
  ApiKeyRevokeDocument,
  CustomerListDocument,
  ViewerDocument,
} from "../generated/graphql";
import { signedIn, withApiKey } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("a key is created, authenticates with its own permissions, and stops at once when revoked", async () => {
  const client = await signedIn(env.admin);
  const screen = watch<ApiKeysQuery, ApiKeysQueryVariables>(client.apollo, { query: ApiKeysDocument });
  const before = await screen.settles("the key list", () => true);
  const name = `Billing sync ${runId}`;

  const { data } = await client.apollo.mutate({
    mutation: ApiKeyCreateDocument,
    variables: { input: { name, permissions: ["CUSTOMERS_READ"] } },
    update(cache, result) {
      const key = result.data?.apiKeyCreate.apiKey;
      if (key) {
        cache.modify({
          fields: { apiKeys: (existing, { toReference }) => [toReference(key), ...(existing as unknown[])] },
        });
      }
    },
  });

  const created = data!.apiKeyCreate;
  assert.deepEqual(created.errors, []);
  assert.ok(created.secret?.includes(`${created.apiKey!.prefix}_`), "the secret carries the shown prefix");
  const listed = await screen.settles("the new key", (d) => d.apiKeys.length === before.apiKeys.length + 1);
  assert.equal(listed.apiKeys[0]?.name, name);

  const integration = withApiKey(created.secret!);
  const viewer = await integration.apollo.query({ query: ViewerDocument });
  assert.equal(viewer.data!.viewer!.kind, "API_KEY");
  assert.deepEqual(viewer.data!.viewer!.permissions, ["CUSTOMERS_READ"]);
  const customers = await integration.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });
  assert.equal(customers.data!.customers.edges.length, 1);

  const mark = client.traffic.mark();
  await client.apollo.mutate({
    mutation: ApiKeyRevokeDocument,
    variables: { input: { id: created.apiKey!.id } },
  });
  const revoked = await screen.settles("the key revoked", (d) => d.apiKeys[0]?.revokedAt != null);
  assert.equal(revoked.apiKeys[0]?.id, created.apiKey!.id);
  assert.deepEqual(client.traffic.since(mark), ["ApiKeyRevoke"], "the list follows without a refetch");
  screen.stop();

  const after = await integration.apollo.query({ query: ViewerDocument, fetchPolicy: "network-only" });
  assert.equal(after.data?.viewer, null, "a revoked key names nobody");
});
