// The Summary section's Export and "Download CDR Report": the app asks for a signed link and
// hands it to the browser, which downloads the CSV with a plain GET (no Authorization header).
import assert from "node:assert/strict";
import { test } from "node:test";

import { CdrExportCreateDocument, CustomerListDocument, SummaryExportCreateDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

async function firstCustomer() {
  const client = await signedIn(env.admin);
  const { data } = await client.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });
  return { client, customer: data!.customers.edges[0]!.node };
}

test("Download CDR Report: a link to the CSV of the last 24 hours, with its header row", async () => {
  const { client, customer } = await firstCustomer();

  const { data } = await client.apollo.mutate({
    mutation: CdrExportCreateDocument,
    variables: { input: { customerId: customer.id, period: "LAST_24_HOURS" } },
  });
  const payload = data!.cdrExportCreate;
  assert.deepEqual(payload.errors, []);
  assert.ok(Date.parse(payload.expiresAt!) > Date.now());
  const response = await fetch(payload.url!);

  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.equal(response.headers.get("content-disposition"), `attachment; filename="${payload.export!.filename}"`);
  const [header] = (await response.text()).split("\r\n");
  assert.equal(header!.split(",")[0], "callId");
});

test("Export: the summary rows of a month by day, one CSV line per day after the header", async () => {
  const { client, customer } = await firstCustomer();

  const { data } = await client.apollo.mutate({
    mutation: SummaryExportCreateDocument,
    variables: {
      input: { customerId: customer.id, period: "DAILY", from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" },
    },
  });
  const link = data!.summaryExportCreate.export!;
  const lines = (await (await fetch(link.url)).text()).trimEnd().split("\r\n");

  assert.equal(link.rowEstimate, 30);
  assert.equal(lines.length, 31);
  assert.equal(lines[0], "customerId,customerName,periodStart,periodEnd,attempts,connected,asr,acd,duration,billedDuration,charge,cost,profit,profitPercent,currency");
});

test("a link that was tampered with is refused with a JSON reason", async () => {
  const { client, customer } = await firstCustomer();
  const { data } = await client.apollo.mutate({
    mutation: CdrExportCreateDocument,
    variables: { input: { customerId: customer.id, period: "DAILY", start: "2026-11-20T00:00:00Z" } },
  });

  const response = await fetch(`${data!.cdrExportCreate.url!}x`);

  assert.equal(response.status, 403);
  const refusal = (await response.json()) as { code: string };
  assert.equal(refusal.code, "INVALID_TOKEN");
});

test("an export without a customer or filter is refused in the payload", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.mutate({
    mutation: SummaryExportCreateDocument,
    variables: { input: { period: "LAST_24_HOURS" } },
  });

  assert.equal(data!.summaryExportCreate.export, null);
  assert.deepEqual(
    data!.summaryExportCreate.errors.map((e) => [e.field, e.code]),
    [[["input", "customerId"], "INVALID"]],
  );
});
