// The Currency drop-down: ISO 4217 codes with names and minor units (how many decimals to show).
import assert from "node:assert/strict";
import { test } from "node:test";

import { CurrencyOptionsDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("currencies carry their name and minor units", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: CurrencyOptionsDocument });

  const byCode = new Map(data!.currencies.map((currency) => [currency.code, currency]));
  assert.equal(byCode.get("EUR")?.minorUnits, 2);
  assert.equal(byCode.get("JPY")?.minorUnits, 0);
  assert.equal(byCode.get("BHD")?.minorUnits, 3);
  assert.match(byCode.get("USD")?.name ?? "", /dollar/i);
});
