// The Portal domain drop-down of the customer form.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PortalDomainOptionsDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("portal domains are host names", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: PortalDomainOptionsDocument });

  assert.ok(Array.isArray(data!.portalDomains));
  assert.ok(data!.portalDomains.every((domain) => /^[a-z0-9.-]+$/i.test(domain)));
});
