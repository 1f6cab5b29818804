// The Time zone drop-down: IANA names with the offset in force now.
import assert from "node:assert/strict";
import { test } from "node:test";

import { TimeZoneOptionsDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("time zones are IANA names with their current UTC offset", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: TimeZoneOptionsDocument });

  const byName = new Map(data!.timeZones.map((zone) => [zone.name, zone.utcOffsetNow]));
  assert.equal(byName.get("UTC"), "+00:00");
  assert.match(byName.get("Europe/Berlin") ?? "", /^\+0[12]:00$/);
  assert.match(byName.get("Asia/Kolkata") ?? "", /^\+05:30$/);
});
