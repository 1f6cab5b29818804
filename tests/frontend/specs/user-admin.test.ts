// Settings > Users: find a user, edit it, deactivate it; the list on screen follows each answer
// from the cache, and a deactivated user is signed out at once.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { CombinedGraphQLErrors } from "@apollo/client";

import {
  UserDeactivateDocument,
  UserListDocument,
  type UserListQuery,
  type UserListQueryVariables,
  UserUpdateDocument,
  ViewerDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { invitedAndJoined } from "../src/users";
import { watch } from "../src/wait";

test("a user found by search is renamed and deactivated; the list follows with no refetch", async () => {
  const admin = await signedIn(env.admin);
  const joined = await invitedAndJoined(admin, "clerk");
  const theirs = await signedIn(joined);
  const list = watch<UserListQuery, UserListQueryVariables>(admin.apollo, {
    query: UserListDocument,
    variables: { search: `clerk-${runId}`, first: 10 },
  });
  const found = await list.settles("the search result", (data) => data.users.totalCount === 1);
  assert.equal(found.users.edges[0]!.node.id, joined.id);
  assert.equal(found.users.edges[0]!.node.invitationPending, false);
  const mark = admin.traffic.mark();

  const renamed = await admin.apollo.mutate({
    mutation: UserUpdateDocument,
    variables: { input: { id: joined.id, name: `Clerk Renamed ${runId}` } },
  });
  await list.settles("the new name", (data) => data.users.edges[0]!.node.name === `Clerk Renamed ${runId}`);
  const deactivated = await admin.apollo.mutate({
    mutation: UserDeactivateDocument,
    variables: { input: { id: joined.id, reason: "Left the company" } },
  });
  await list.settles("the inactive flag", (data) => data.users.edges[0]!.node.active === false);

  assert.deepEqual(renamed.data!.userUpdate.errors, []);
  assert.deepEqual(deactivated.data!.userDeactivate.errors, []);
  assert.deepEqual(admin.traffic.since(mark), ["UserUpdate", "UserDeactivate"], "no refetch");
  await assert.rejects(
    theirs.apollo.query({ query: ViewerDocument, fetchPolicy: "network-only" }),
    (error: CombinedGraphQLErrors) => {
      assert.deepEqual(
        error.errors.map((e) => e.extensions?.["code"]),
        ["SESSION_REVOKED"],
        "the deactivated user's session ended",
      );
      return true;
    },
  );
  list.stop();
});

test("the account manager picker leaves inactive users out, and nobody deactivates itself", async () => {
  const admin = await signedIn(env.admin);
  const me = (await admin.apollo.query({ query: ViewerDocument })).data!.viewer!.user!;

  const active = await admin.apollo.query({
    query: UserListDocument,
    variables: { where: { active: { eq: true } }, first: 100 },
  });
  const self = await admin.apollo.mutate({ mutation: UserDeactivateDocument, variables: { input: { id: me.id } } });

  assert.ok(active.data!.users.edges.every((edge) => edge.node.active));
  assert.deepEqual(
    self.data!.userDeactivate.errors.map((error) => [error.field, error.code]),
    [[["input", "id"], "SELF_LOCKOUT"]],
  );
});
