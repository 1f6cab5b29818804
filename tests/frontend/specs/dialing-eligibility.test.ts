// May this customer dial: an overnight window saved as one window in the customer's time zone,
// the card's answer inside and outside it with the instant it opens again, and the switch's
// batch read answering each customer once in the order asked.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { CombinedGraphQLErrors } from "@apollo/client";

import {
  CustomerCreateDocument,
  CustomerDialWindowsSetDocument,
  CustomerEligibilityDocument,
  SwitchEligibilitiesDocument,
} from "../generated/graphql";
import { type Client, signedIn } from "../src/client";
import { env, runId } from "../src/env";

async function nightOwl(client: Client, name: string): Promise<string> {
  const { data } = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `${name} ${runId}`, currency: "USD", channels: 5, debitLimit: "100" } },
  });
  assert.deepEqual(data!.customerCreate.errors, []);
  return data!.customerCreate.customer!.id;
}

test("an overnight window is one window, open across midnight in the customer's zone", async () => {
  const client = await signedIn(env.admin);
  const id = await nightOwl(client, "Night owl");

  const saved = await client.apollo.mutate({
    mutation: CustomerDialWindowsSetDocument,
    variables: {
      input: { id, timezone: "America/New_York", dialWindows: [{ start: "22:00", end: "02:00", days: ["SUN"] }] },
    },
  });
  assert.deepEqual(saved.data!.customerUpdate.errors, []);
  assert.deepEqual(saved.data!.customerUpdate.customer!.dialWindows, [
    { __typename: "DialWindow", start: "22:00", end: "02:00", days: ["SUN"] },
  ]);

  // Monday 01:30 in New York (EST) is 06:30 UTC: inside Sunday's window
  const inside = await client.apollo.query({
    query: CustomerEligibilityDocument,
    variables: { id, at: "2026-11-30T06:30:00Z" },
    fetchPolicy: "network-only",
  });
  const open = inside.data!.customer!.dialingEligibility!;
  assert.equal(open.allowed, true);
  assert.deepEqual(open.reasons, []);
  assert.equal(open.nextAllowedAt, "2026-11-30T06:30:00+00:00");

  // Monday 02:00 EST: closed until next Sunday 22:00 EST
  const outside = await client.apollo.query({
    query: CustomerEligibilityDocument,
    variables: { id, at: "2026-11-30T07:00:00Z" },
    fetchPolicy: "network-only",
  });
  const closed = outside.data!.customer!.dialingEligibility!;
  assert.equal(closed.allowed, false);
  assert.deepEqual(
    closed.reasons.map((reason) => [reason.code, reason.liftsAt]),
    [["OUTSIDE_DIALING_WINDOW", "2026-12-07T03:00:00+00:00"]],
  );
  assert.equal(closed.nextAllowedAt, "2026-12-07T03:00:00+00:00");
});

test("the switch reads several customers at once, each once, in the order asked", async () => {
  const client = await signedIn(env.admin);
  const first = await nightOwl(client, "Switch first");
  const second = await nightOwl(client, "Switch second");

  const { data } = await client.apollo.query({
    query: SwitchEligibilitiesDocument,
    variables: { ids: [second, first, second], at: "2026-11-30T12:00:00Z" },
  });

  const answers = data!.dialingEligibilities;
  assert.deepEqual(
    answers.map((answer) => [answer.customerId, answer.allowed, answer.nextAllowedAt]),
    [
      [second, true, "2026-11-30T12:00:00+00:00"],
      [first, true, "2026-11-30T12:00:00+00:00"],
    ],
  );
});

test("an instant out of range is refused on the field, at its argument", async () => {
  const client = await signedIn(env.admin);
  const id = await nightOwl(client, "Far past");

  await assert.rejects(
    client.apollo.query({
      query: CustomerEligibilityDocument,
      variables: { id, at: "1999-12-31T23:00:00Z" },
      fetchPolicy: "network-only",
    }),
    (error: CombinedGraphQLErrors) => {
      assert.deepEqual(
        error.errors.map((e) => [e.extensions?.["code"], e.extensions?.["argument"], e.message]),
        [["BAD_USER_INPUT", ["at"], "Give a time between the years 2000 and 2999."]],
      );
      return true;
    },
  );
});
