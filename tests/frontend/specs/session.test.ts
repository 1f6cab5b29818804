// Signing in: the login form's errors, the viewer in the header, a silent token refresh when the
// access token stops working, and signing out.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CombinedGraphQLErrors } from "@apollo/client";

import { CustomerListDocument, LogoutDocument, ViewerDocument } from "../generated/graphql";
import { createClient, logIn, refresh, signedIn } from "../src/client";
import { env } from "../src/env";

test("a wrong password is a payload error the form can show, not an exception", async () => {
  const { client, errors } = await logIn(env.admin.email, "not-the-password");

  assert.deepEqual(
    errors.map((e) => e.code),
    ["INVALID_CREDENTIALS"],
  );
  assert.equal(client.tokens.accessToken, null);
});

test("before signing in the viewer is null", async () => {
  const client = createClient();

  const { data } = await client.apollo.query({ query: ViewerDocument });

  assert.equal(data?.viewer, null);
});

test("after login the bearer token makes the viewer the admin, and the viewer is cached", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: ViewerDocument });
  const mark = client.traffic.mark();
  const again = await client.apollo.query({ query: ViewerDocument });

  const viewer = data!.viewer!;
  assert.equal(viewer.kind, "USER");
  assert.equal(viewer.user?.email, env.admin.email);
  assert.equal(viewer.reseller, null);
  assert.ok(viewer.permissions.includes("CUSTOMERS_WRITE"));
  assert.ok(viewer.permissions.includes("SETTINGS_WRITE"));
  assert.deepEqual(again.data, data);
  assert.deepEqual(client.traffic.since(mark), [], "the second read came from the cache");
});

test("a partner signs in as a user of its reseller", async () => {
  const client = await signedIn(env.partner);

  const { data } = await client.apollo.query({ query: ViewerDocument });

  assert.equal(data!.viewer!.reseller?.name, "Northwind Partners");
  assert.equal(data!.viewer!.user?.email, env.partner.email);
});

test("a dead access token is refreshed once and the request retried", async () => {
  const client = await signedIn(env.admin);
  const spentRefreshToken = client.tokens.refreshToken;
  client.tokens.accessToken = "expired-or-garbage";

  const { data } = await client.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });

  assert.equal(data!.customers.edges.length, 1);
  assert.deepEqual(client.traffic.operations.slice(-3), ["CustomerList", "TokenRefresh", "CustomerList"]);
  assert.notEqual(client.tokens.refreshToken, spentRefreshToken, "refresh tokens rotate");
  assert.notEqual(client.tokens.accessToken, "expired-or-garbage");
});

test("two tabs refreshing with one token within the grace window get the same pair", async () => {
  const client = await signedIn(env.admin);
  const first = client.tokens.refreshToken;
  assert.deepEqual(await refresh(client), []);
  const pair = { ...client.tokens };

  client.tokens.refreshToken = first;
  assert.deepEqual(await refresh(client), []);

  assert.deepEqual(client.tokens, pair);
});

test("after logout the old token says SESSION_REVOKED; without it the viewer is null", async () => {
  const client = await signedIn(env.admin);
  await client.apollo.query({ query: ViewerDocument });

  const { data } = await client.apollo.mutate({ mutation: LogoutDocument });
  await client.apollo.clearStore();
  await assert.rejects(client.apollo.query({ query: ViewerDocument }), (error: CombinedGraphQLErrors) => {
    assert.deepEqual(
      error.errors.map((e) => e.extensions?.code),
      ["SESSION_REVOKED"],
    );
    return true;
  });
  client.tokens.accessToken = null;
  client.tokens.refreshToken = null;
  const after = await client.apollo.query({ query: ViewerDocument, fetchPolicy: "network-only" });

  assert.deepEqual(data!.logout, { __typename: "LogoutPayload", ok: true, errors: [] });
  assert.equal(after.data?.viewer, null);
});
