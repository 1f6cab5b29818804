// The customer form's drop-downs (Reseller, Account Manager, Currency, Country, Time zone,
// Portal domain) filled from the API, a customer created and edited through them, and the
// normalized cache following each save without a refetch.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  type CustomerChoicesFragment,
  CustomerChoicesFragmentDoc,
  CustomerChoicesCreateDocument,
  CustomerChoicesUpdateDocument,
  CustomerFormOptionsDocument,
  type CustomerFormOptionsQuery,
  PortalDomainsSaveDocument,
} from "../generated/graphql";
import { type Client, signedIn } from "../src/client";
import { env, runId } from "../src/env";

const DOMAINS = [`portal-${runId}.example.com`, `voice-${runId}.example.net`];

async function openForm(client: Client): Promise<CustomerFormOptionsQuery> {
  const { data } = await client.apollo.query({ query: CustomerFormOptionsDocument, fetchPolicy: "network-only" });
  return data!;
}

function pick<T>(options: T[], wanted: (option: T) => boolean, label: string): T {
  const option = options.find(wanted);
  assert.ok(option, `the ${label} drop-down offers what the operator picks`);
  return option;
}

const readChoices = (client: Client, id: string): CustomerChoicesFragment | null =>
  client.cache.readFragment({
    fragment: CustomerChoicesFragmentDoc,
    fragmentName: "CustomerChoices",
    id: client.cache.identify({ __typename: "Customer", id }),
  });

test("every drop-down of the customer form is filled from the API", async () => {
  const client = await signedIn(env.admin);
  const saved = await client.apollo.mutate({ mutation: PortalDomainsSaveDocument, variables: { domains: DOMAINS } });
  assert.deepEqual(saved.data!.accountSettingsUpdate.errors, []);

  const options = await openForm(client);

  assert.ok(options.resellers.edges.length >= 1, "resellers to choose from");
  assert.ok(options.users.edges.some((edge) => edge.node.name.length > 0), "active users to choose from");
  assert.deepEqual(
    pick(options.currencies, (c) => c.code === "EUR", "currency"),
    { __typename: "Currency", code: "EUR", name: "Euro", minorUnits: 2 },
  );
  assert.equal(pick(options.currencies, (c) => c.code === "JPY", "currency").minorUnits, 0);
  assert.equal(pick(options.countries, (c) => c.code === "DE", "country").name, "Germany");
  assert.match(pick(options.timeZones, (z) => z.name === "Asia/Kolkata", "time zone").utcOffsetNow, /^\+05:30$/);
  assert.deepEqual([...options.portalDomains].sort(), [...DOMAINS].sort());
});

test("a customer created and edited through the drop-downs keeps each choice; the cache follows", async () => {
  const client = await signedIn(env.admin);
  await client.apollo.mutate({ mutation: PortalDomainsSaveDocument, variables: { domains: DOMAINS } });
  const options = await openForm(client);
  const [firstReseller, secondReseller] = [options.resellers.edges[0]!.node, options.resellers.edges.at(-1)!.node];
  const manager = options.users.edges[0]!.node;

  const created = await client.apollo.mutate({
    mutation: CustomerChoicesCreateDocument,
    variables: {
      input: {
        name: `Options ${runId}`,
        currency: pick(options.currencies, (c) => c.code === "EUR", "currency").code,
        country: pick(options.countries, (c) => c.code === "DE", "country").code,
        timezone: pick(options.timeZones, (z) => z.name === "Europe/Berlin", "time zone").name,
        portalDomain: options.portalDomains.find((d) => d === DOMAINS[0]),
        resellerId: firstReseller.id,
        accountManagerId: manager.id,
      },
    },
  });
  assert.deepEqual(created.data!.customerCreate.errors, []);
  const customer = created.data!.customerCreate.customer!;
  assert.deepEqual(
    { ...customer, id: undefined },
    {
      __typename: "Customer",
      id: undefined,
      name: `Options ${runId}`,
      currency: "EUR",
      country: "DE",
      timezone: "Europe/Berlin",
      portalDomain: DOMAINS[0],
      reseller: { __typename: "Reseller", id: firstReseller.id, name: firstReseller.name },
      accountManager: { __typename: "User", id: manager.id, name: manager.name },
    },
  );

  const mark = client.traffic.mark();
  const edited = await client.apollo.mutate({
    mutation: CustomerChoicesUpdateDocument,
    variables: {
      input: {
        id: customer.id,
        country: pick(options.countries, (c) => c.code === "FR", "country").code,
        timezone: pick(options.timeZones, (z) => z.name === "Europe/Paris", "time zone").name,
        portalDomain: DOMAINS[1],
        resellerId: secondReseller.id,
        accountManagerId: null,
      },
    },
  });

  assert.deepEqual(edited.data!.customerUpdate.errors, []);
  const cached = readChoices(client, customer.id);
  assert.equal(cached?.country, "FR");
  assert.equal(cached?.timezone, "Europe/Paris");
  assert.equal(cached?.portalDomain, DOMAINS[1]);
  assert.equal(cached?.reseller?.id, secondReseller.id);
  assert.equal(cached?.accountManager, null);
  assert.deepEqual(client.traffic.since(mark), ["CustomerChoicesUpdate"], "no refetch after the edit");
});

test("a portal domain that is not one of the account's is refused at its field, nothing saved", async () => {
  const client = await signedIn(env.admin);
  await client.apollo.mutate({ mutation: PortalDomainsSaveDocument, variables: { domains: DOMAINS } });

  const refused = await client.apollo.mutate({
    mutation: CustomerChoicesCreateDocument,
    variables: { input: { name: `Elsewhere ${runId}`, currency: "EUR", portalDomain: "elsewhere.example" } },
  });

  assert.equal(refused.data!.customerCreate.customer, null);
  assert.deepEqual(
    refused.data!.customerCreate.errors.map((e) => [e.field, e.code]),
    [[["input", "portalDomain"], "INVALID_CHOICE"]],
  );
});
