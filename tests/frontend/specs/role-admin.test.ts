// Settings > Roles: the role editor creates a role with some of the admin's permissions, changes
// and deletes it; the list follows from the mutations' answers. Refusals are typed errors.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  RoleCreateDocument,
  RoleDeleteDocument,
  RoleListDocument,
  type RoleListQuery,
  type RoleListQueryVariables,
  RoleUpdateDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("a role is created, changed and deleted, and the list follows without a refetch", async () => {
  const client = await signedIn(env.admin);
  const screen = watch<RoleListQuery, RoleListQueryVariables>(client.apollo, { query: RoleListDocument });
  const before = await screen.settles("the role list", () => true);
  assert.deepEqual(
    before.roles.filter((role) => role.builtIn).map((role) => role.name),
    ["Administrator", "Partner", "Support"],
  );

  const mark = client.traffic.mark();
  const created = await client.apollo.mutate({
    mutation: RoleCreateDocument,
    variables: { input: { name: `Billing ${runId}`, permissions: ["BILLING_WRITE", "CUSTOMERS_READ"] } },
    update(cache, result) {
      const role = result.data?.roleCreate.role;
      if (role) {
        cache.modify({
          fields: { roles: (existing, { toReference }) => [...(existing as unknown[]), toReference(role)] },
        });
      }
    },
  });
  const role = created.data!.roleCreate.role!;
  assert.deepEqual(created.data!.roleCreate.errors, []);
  assert.deepEqual(
    [role.permissions, role.builtIn, role.userCount],
    [["CUSTOMERS_READ", "BILLING_WRITE"], false, 0],
  );
  await screen.settles("the new role", (data) => data.roles.some((r) => r.id === role.id));

  await client.apollo.mutate({
    mutation: RoleUpdateDocument,
    variables: { input: { id: role.id, permissions: ["CUSTOMERS_READ"] } },
  });
  await screen.settles(
    "the changed role",
    (data) => data.roles.find((r) => r.id === role.id)?.permissions.join() === "CUSTOMERS_READ",
  );

  const deleted = await client.apollo.mutate({
    mutation: RoleDeleteDocument,
    variables: { input: { id: role.id } },
    update(cache, result) {
      if (result.data?.roleDelete.deletedId) {
        cache.evict({ id: cache.identify({ __typename: "Role", id: role.id }) });
        cache.gc();
      }
    },
  });
  assert.equal(deleted.data!.roleDelete.deletedId, role.id);
  await screen.settles("the role gone", (data) => !data.roles.some((r) => r.id === role.id));
  assert.deepEqual(client.traffic.since(mark), ["RoleCreate", "RoleUpdate", "RoleDelete"]);
  screen.stop();
});

test("the editor shows why a change is refused: a built-in role, a taken name, a partner", async () => {
  const client = await signedIn(env.admin);
  const { data } = await client.apollo.query({ query: RoleListDocument });
  const support = data!.roles.find((role) => role.name === "Support")!;

  const builtIn = await client.apollo.mutate({
    mutation: RoleUpdateDocument,
    variables: { input: { id: support.id, name: `Helpdesk ${runId}` } },
  });
  const taken = await client.apollo.mutate({
    mutation: RoleCreateDocument,
    variables: { input: { name: "administrator" } },
  });
  const partner = await signedIn(env.partner);
  const byPartner = await partner.apollo.mutate({
    mutation: RoleCreateDocument,
    variables: { input: { name: `Partner made ${runId}` } },
  });

  const refusals = [
    builtIn.data!.roleUpdate.errors,
    taken.data!.roleCreate.errors,
    byPartner.data!.roleCreate.errors,
  ];
  assert.deepEqual(
    refusals.map((errors) => errors.map((error) => [error.code, error.field])),
    [[["BUILT_IN_ROLE", ["input", "id"]]], [["DUPLICATE", ["input", "name"]]], [["PERMISSION_DENIED", null]]],
  );
});
