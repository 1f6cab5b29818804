// The Summary section of the customer card: Live (24 hourly rows), Daily, Weekly from Monday
// and Monthly, all UTC, one row per period even without calls; and the root read billing uses.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { CombinedGraphQLErrors } from "@apollo/client";

import { BillingSummariesDocument, CustomerListDocument, CustomerSummaryDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

const HOUR = 3_600_000;

async function firstCustomer() {
  const client = await signedIn(env.admin);
  const { data } = await client.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });
  return { client, customer: data!.customers.edges[0]!.node };
}

test("Live shows the 24 hours ending with the current one, oldest first", async () => {
  const { client, customer } = await firstCustomer();

  const { data } = await client.apollo.query({
    query: CustomerSummaryDocument,
    variables: { id: customer.id, period: "LAST_24_HOURS" },
  });

  const summary = data!.customer!.summaries!;
  assert.equal(summary.rows.length, 24);
  assert.equal(summary.currency, customer.currency);
  const currentHour = Math.floor(Date.now() / HOUR) * HOUR;
  assert.equal(Date.parse(summary.rows[23]!.periodStart), currentHour);
  assert.equal(Date.parse(summary.rangeStart), currentHour - 23 * HOUR);
  const attempts = summary.rows.reduce((sum, row) => sum + row.attempts, 0);
  assert.equal(summary.totals.attempts, attempts);
});

test("Weekly rows start on Monday 00:00 UTC and every week of the range has one", async () => {
  const { client, customer } = await firstCustomer();

  const { data } = await client.apollo.query({
    query: CustomerSummaryDocument,
    variables: { id: customer.id, period: "WEEKLY", from: "2026-11-04T12:00:00Z", to: "2026-12-02T00:00:00Z" },
  });

  const starts = data!.customer!.summaries!.rows.map((row) => new Date(row.periodStart));
  assert.deepEqual(
    starts.map((start) => start.toISOString()),
    ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"].map((day) => `${day}T00:00:00.000Z`),
  );
  assert.ok(starts.every((start) => start.getUTCDay() === 1));
});

test("a range that ends before it starts is refused on the field, at its argument", async () => {
  const { client, customer } = await firstCustomer();

  await assert.rejects(
    client.apollo.query({
      query: CustomerSummaryDocument,
      variables: { id: customer.id, period: "DAILY", from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" },
      fetchPolicy: "network-only",
    }),
    (error: CombinedGraphQLErrors) => {
      assert.deepEqual(
        error.errors.map((e) => [e.extensions?.["code"], e.extensions?.["argument"], e.message]),
        [["BAD_USER_INPUT", ["to"], "from must be before to."]],
      );
      return true;
    },
  );
});

test("billing reads several customers at once, each in its currency", async () => {
  const client = await signedIn(env.admin);
  const list = await client.apollo.query({ query: CustomerListDocument, variables: { first: 2 } });
  const customers = list.data!.customers.edges.map((edge) => edge.node);

  const { data } = await client.apollo.query({
    query: BillingSummariesDocument,
    variables: {
      ids: customers.map((customer) => customer.id),
      period: "MONTHLY",
      from: "2026-10-01T00:00:00Z",
      to: "2026-12-01T00:00:00Z",
    },
  });

  assert.deepEqual(
    data!.summaries.map((summary) => [summary.customerId, summary.currency, summary.rows.length]),
    customers.map((customer) => [customer.id, customer.currency, 2]),
  );
});
