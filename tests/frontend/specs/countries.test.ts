// The Country drop-down of the address: ISO 3166-1 alpha-2 codes with names.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CountryOptionsDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("countries are ISO codes with names", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({ query: CountryOptionsDocument });

  const byCode = new Map(data!.countries.map((country) => [country.code, country.name]));
  assert.equal(byCode.get("DE"), "Germany");
  assert.ok(data!.countries.every((country) => /^[A-Z]{2}$/.test(country.code)));
});
