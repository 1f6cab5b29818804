// The role editor's check boxes: every permission, each with a description to show.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PermissionOptionsDocument, ViewerDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("every permission the admin holds is offered, each with a description", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: PermissionOptionsDocument });
  const viewer = await client.apollo.query({ query: ViewerDocument });

  const codes = data!.permissions.map((permission) => permission.code);
  assert.deepEqual([...codes].sort(), [...viewer.data!.viewer!.permissions].sort());
  assert.ok(data!.permissions.every((permission) => permission.description.length > 0));
});
