// The customer form: create from the form's values, edit, delete; after each mutation the
// normalized cache (and every screen watching it) shows the server's answer with no refetch.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  AuditLogDocument,
  CustomerAuditLogDocument,
  CustomerCardDocument,
  type CustomerCardQuery,
  type CustomerCardQueryVariables,
  CustomerCreateDocument,
  CustomerDeleteDocument,
  CustomerFormFragmentDoc,
  type CustomerFormFragment,
  CustomerListDocument,
  type CustomerListQuery,
  type CustomerListQueryVariables,
  CustomerListItemFragmentDoc,
  CustomerUpdateDocument,
} from "../generated/graphql";
import { type Client, signedIn } from "../src/client";
import { env, runId } from "../src/env";
import {
  type CustomerFormValues,
  errorsByField,
  fromCustomer,
  toCreateInput,
  toUpdateInput,
} from "../src/form";
import { watch } from "../src/wait";

const BLANK: CustomerFormValues = {
  name: "",
  status: "",
  currency: "",
  channels: "",
  flowSpeed: "",
  debitLimit: "",
  minimumPayment: "",
  taxPercent: "",
  tags: "",
  notes: "",
  website: "",
  invoiceSchedule: "",
  invoiceDueDays: "",
  dailySpendLimit: "",
  externalAccountingId: "",
  addressLine1: "",
  city: "",
  postalCode: "",
  country: "",
  timezone: "",
  portalAccess: false,
};

const readForm = (client: Client, id: string): CustomerFormFragment | null =>
  client.cache.readFragment({
    fragment: CustomerFormFragmentDoc,
    fragmentName: "CustomerForm",
    id: client.cache.identify({ __typename: "Customer", id }),
  });

/** What the list screen does after a create: put the new row at the top of the cached lists. */
function prependToLists(client: Client, customer: { id: string; __typename?: string }): void {
  client.cache.modify({
    fields: {
      customers(existing, { toReference }) {
        const connection = existing as { edges: unknown[]; totalCount: number };
        const node = toReference({ __typename: "Customer", id: customer.id });
        const edge = { __typename: "CustomerEdge", cursor: "", node };
        return { ...connection, edges: [edge, ...connection.edges], totalCount: connection.totalCount + 1 };
      },
    },
  });
}

async function createFromForm(client: Client, values: CustomerFormValues) {
  const { data } = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: toCreateInput(values) },
    update(_cache, result) {
      const created = result.data?.customerCreate.customer;
      if (created) {
        prependToLists(client, created);
      }
    },
  });
  return data!.customerCreate;
}

test("an invalid form comes back as errors by field, and nothing enters the cache", async () => {
  const client = await signedIn(env.admin);

  const payload = await createFromForm(client, {
    ...BLANK,
    name: "   ",
    currency: "EUR",
    channels: "-1",
    website: "fibre dot example",
    country: "ZZ",
  });

  assert.equal(payload.customer, null);
  assert.deepEqual(errorsByField(payload.errors), {
    name: "REQUIRED",
    channels: "INVALID",
    website: "INVALID",
    country: "INVALID",
  });
  const keys = Object.keys(client.cache.extract()).filter((key) => key.startsWith("Customer:"));
  assert.deepEqual(keys, []);
});

test("create, then edit: the list and the card follow each mutation from the cache alone", async () => {
  const client = await signedIn(env.admin);
  const list = watch<CustomerListQuery, CustomerListQueryVariables>(client.apollo, {
    query: CustomerListDocument,
    variables: { first: 10, sortBy: [{ field: "CREATED_AT", direction: "DESC" }] },
  });
  const before = await list.settles("the list", () => true);

  // Create from what the user typed.
  const typed: CustomerFormValues = {
    ...BLANK,
    name: `  Frontend Fibre ${runId} `,
    status: "PENDING_APPROVAL",
    currency: "eur",
    channels: "30",
    flowSpeed: "10",
    debitLimit: "250.00",
    taxPercent: "19",
    tags: "wholesale, eu,  ",
    notes: "Signed up through the web form.",
    website: "https://fibre.example",
    invoiceSchedule: "MONTHLY",
    invoiceDueDays: "14",
    city: "Berlin",
    country: "DE",
    timezone: "Europe/Berlin",
    portalAccess: true,
  };
  let mark = client.traffic.mark();
  const created = await createFromForm(client, typed);

  assert.deepEqual(created.errors, []);
  const customer = created.customer!;
  assert.equal(customer.name, `Frontend Fibre ${runId}`);
  assert.equal(customer.currency, "EUR");
  assert.equal(customer.debitLimit, "250.00");
  assert.deepEqual(customer.tags, ["wholesale", "eu"]);
  const cached = readForm(client, customer.id)!;
  for (const [field, value] of Object.entries(cached)) {
    assert.deepEqual(value, customer[field as keyof typeof customer], `cached ${field}`);
  }
  assert.equal(cached.status, "PENDING_APPROVAL");
  const listed = await list.settles(
    "the new row on top",
    (data) => data.customers.edges[0]?.node.id === customer.id,
  );
  assert.equal(listed.customers.totalCount, before.customers.totalCount + 1);
  assert.equal(listed.customers.edges[0]?.node.name, customer.name);

  // Opening the card reads the cache: no request.
  const card = watch<CustomerCardQuery, CustomerCardQueryVariables>(client.apollo, {
    query: CustomerCardDocument,
    variables: { id: customer.id },
  });
  const opened = await card.settles("the card", () => true);
  assert.equal(opened.customer?.city, "Berlin");
  assert.deepEqual(client.traffic.since(mark), ["CustomerCreate"], "the card came from the cache");

  // Edit: the form sends only what changed.
  const loaded = fromCustomer(opened.customer!);
  const edited = {
    ...loaded,
    name: `Frontend Fibre ${runId} GmbH`,
    status: "ACTIVE",
    channels: "60",
    tags: "wholesale, vip",
    notes: "",
  };
  const patch = toUpdateInput(customer.id, loaded, edited, "Contract signed");
  assert.deepEqual(Object.keys(patch).sort(), [
    "channels",
    "id",
    "name",
    "notes",
    "reason",
    "status",
    "tags",
  ]);
  mark = client.traffic.mark();
  const { data } = await client.apollo.mutate({
    mutation: CustomerUpdateDocument,
    variables: { input: patch },
  });

  assert.deepEqual(data!.customerUpdate.errors, []);
  const shown = await card.settles("the edited card", (d) => d.customer?.status === "ACTIVE");
  assert.equal(shown.customer?.name, `Frontend Fibre ${runId} GmbH`);
  assert.equal(shown.customer?.channels, 60);
  assert.deepEqual(shown.customer?.tags, ["wholesale", "vip"]);
  assert.equal(shown.customer?.notes, "");
  assert.equal(shown.customer?.city, "Berlin", "fields left alone stay");
  const row = await list.settles(
    "the edited row",
    (d) => d.customers.edges[0]?.node.name.endsWith("GmbH") === true,
  );
  assert.equal(row.customers.edges[0]?.node.channels, 60);
  const item = client.cache.readFragment({
    fragment: CustomerListItemFragmentDoc,
    id: client.cache.identify({ __typename: "Customer", id: customer.id }),
  });
  assert.equal(item?.status, "ACTIVE");
  assert.deepEqual(client.traffic.since(mark), ["CustomerUpdate"], "no refetch after the update");
  card.stop();
  list.stop();
});

test("a refused edit leaves the cached customer as it was", async () => {
  const client = await signedIn(env.admin);
  const created = await createFromForm(client, {
    ...BLANK,
    name: `Fixed Currency ${runId}`,
    currency: "USD",
  });
  const id = created.customer!.id;

  const { data } = await client.apollo.mutate({
    mutation: CustomerUpdateDocument,
    variables: { input: { id, currency: "EUR", channels: 5 } },
  });

  assert.equal(data!.customerUpdate.customer, null);
  assert.deepEqual(errorsByField(data!.customerUpdate.errors), { currency: "CURRENCY_IMMUTABLE" });
  assert.equal(readForm(client, id)?.currency, "USD");
  assert.equal(readForm(client, id)?.channels, created.customer!.channels);
});

test("the card's audit tab lists the create and the edit with their diff", async () => {
  const client = await signedIn(env.admin);
  const created = await createFromForm(client, {
    ...BLANK,
    name: `Audited ${runId}`,
    currency: "GBP",
    channels: "5",
  });
  const id = created.customer!.id;
  await client.apollo.mutate({
    mutation: CustomerUpdateDocument,
    variables: { input: { id, channels: 8, reason: "More lines" } },
  });

  const { data } = await client.apollo.query({
    query: CustomerAuditLogDocument,
    variables: { id, first: 10 },
  });

  const entries = data!.customer!.auditLog.edges.map((edge) => edge.node);
  assert.deepEqual(
    entries.map((entry) => [entry.action, entry.httpVerb, entry.reason]),
    [
      ["UPDATE", "PUT", "More lines"],
      ["CREATE", "POST", null],
    ],
  );
  assert.deepEqual(entries[0]?.diff, { channels: { old: 5, new: 8 } });
  assert.equal(entries[0]?.actorLabel, "Demo Admin");
  const trail = await client.apollo.query({
    query: AuditLogDocument,
    variables: { first: 10, where: { customerId: { eq: id } } },
  });
  assert.deepEqual(
    trail.data!.auditLog.edges.map((edge) => edge.node.id),
    entries.map((entry) => entry.id),
    "the account's trail, filtered to the customer, is the card's tab",
  );
});

test("delete: the app evicts the customer and every list drops it", async () => {
  const client = await signedIn(env.admin);
  const list = watch<CustomerListQuery, CustomerListQueryVariables>(client.apollo, {
    query: CustomerListDocument,
    variables: { first: 5, sortBy: [{ field: "CREATED_AT", direction: "DESC" }] },
  });
  await list.settles("the list", () => true);
  const created = await createFromForm(client, { ...BLANK, name: `Short-lived ${runId}`, currency: "EUR" });
  const id = created.customer!.id;
  await list.settles("the new row", (data) => data.customers.edges[0]?.node.id === id);
  const mark = client.traffic.mark();

  const { data } = await client.apollo.mutate({
    mutation: CustomerDeleteDocument,
    variables: { input: { id, reason: "Created by mistake" } },
    update(cache, result) {
      const deletedId = result.data?.customerDelete.deletedId;
      if (deletedId) {
        cache.evict({ id: cache.identify({ __typename: "Customer", id: deletedId }) });
        cache.gc();
      }
    },
  });

  assert.equal(data!.customerDelete.deletedId, id);
  const after = await list.settles("the row gone", (d) =>
    d.customers.edges.every((edge) => edge.node.id !== id),
  );
  assert.ok(after.customers.edges.length > 0);
  assert.equal(readForm(client, id), null);
  assert.deepEqual(client.traffic.since(mark), ["CustomerDelete"]);
  list.stop();
  const card = await client.apollo.query({
    query: CustomerCardDocument,
    variables: { id },
    fetchPolicy: "network-only",
  });
  assert.equal(card.data?.customer, null, "the server agrees: a deleted customer is gone");
});
