// The Role drop-down of the user form.
import assert from "node:assert/strict";
import { test } from "node:test";

import { RoleOptionsDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("the Role drop-down lists the account's roles with their permissions", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: RoleOptionsDocument });

  const names = data!.roles.map((role) => role.name);
  assert.ok(names.includes("Administrator"));
  assert.ok(names.includes("Partner"));
  const administrator = data!.roles.find((role) => role.name === "Administrator")!;
  assert.ok(administrator.permissions.includes("CUSTOMERS_WRITE"));
});
