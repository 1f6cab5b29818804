// The customer list: pages appended by fetchMore into one cached list, filters, search and
// sorting kept as separate cached lists, and a partner's narrower view.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CustomerListDocument,
  type CustomerListQuery,
  type CustomerListQueryVariables,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";
import { watch } from "../src/wait";

const PAGE = 20;
// The server sorts names case-folded, by code point.
const byName = (a: string, b: string): number => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};
const BY_NAME = [{ field: "NAME" as const, direction: "ASC" as const }];

test("paging through the list with fetchMore appends every customer once, in name order", async () => {
  const client = await signedIn(env.admin);
  const list = watch<CustomerListQuery, CustomerListQueryVariables>(client.apollo, {
    query: CustomerListDocument,
    variables: { first: PAGE, sortBy: BY_NAME },
  });
  let page = await list.settles("the first page", () => true);
  assert.equal(page.customers.edges.length, PAGE);
  assert.ok(page.customers.totalCount >= 50, "the demo account has fifty customers");

  while (page.customers.pageInfo.hasNextPage) {
    const shown = page.customers.edges.length;
    await list.query.fetchMore({ variables: { after: page.customers.pageInfo.endCursor } });
    page = await list.settles("the next page appended", (data) => data.customers.edges.length > shown);
  }
  list.stop();

  const names = page.customers.edges.map((edge) => edge.node.name);
  const ids = new Set(page.customers.edges.map((edge) => edge.node.id));
  assert.equal(names.length, page.customers.totalCount);
  assert.equal(ids.size, names.length, "no customer twice");
  assert.deepEqual(names, [...names].sort(byName));
  const requests = client.traffic.operations.filter((name) => name === "CustomerList").length;
  assert.equal(requests, Math.ceil(names.length / PAGE), "one request per page");
});

test("each page's customers are normalized: the cache holds one Customer per id", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.query({
    query: CustomerListDocument,
    variables: { first: 5, sortBy: BY_NAME },
  });

  const extracted = client.cache.extract() as Record<string, { __typename?: string }>;
  for (const edge of data!.customers.edges) {
    const key = client.cache.identify({ __typename: "Customer", id: edge.node.id });
    assert.equal(extracted[key!]?.__typename, "Customer");
  }
});

test("a filter, a search and a sort are lists of their own, each from its own request", async () => {
  const client = await signedIn(env.admin);

  const active = await client.apollo.query({
    query: CustomerListDocument,
    variables: { first: 100, where: { status: { eq: "ACTIVE" } } },
  });
  const euros = await client.apollo.query({
    query: CustomerListDocument,
    variables: { first: 100, where: { currency: { in: ["EUR"] } } },
  });
  const search = await client.apollo.query({
    query: CustomerListDocument,
    variables: { first: 100, search: "Acme" },
  });
  const descending = await client.apollo.query({
    query: CustomerListDocument,
    variables: { first: 3, sortBy: [{ field: "NAME", direction: "DESC" }] },
  });

  const statuses = new Set(active.data!.customers.edges.map((edge) => edge.node.status));
  assert.deepEqual([...statuses], ["ACTIVE"]);
  assert.equal(active.data!.customers.totalCount, active.data!.customers.edges.length);
  assert.deepEqual(new Set(euros.data!.customers.edges.map((edge) => edge.node.currency)), new Set(["EUR"]));
  assert.ok(search.data!.customers.edges.length > 0);
  assert.ok(search.data!.customers.edges.every((edge) => edge.node.name.includes("Acme")));
  const lastNames = descending.data!.customers.edges.map((edge) => edge.node.name);
  assert.deepEqual(lastNames, [...lastNames].sort(byName).reverse());
  assert.equal(client.traffic.operations.filter((name) => name === "CustomerList").length, 4);
});

test("a partner's list holds only its reseller's customers", async () => {
  const admin = await signedIn(env.admin);
  const partner = await signedIn(env.partner);

  const all = await admin.apollo.query({ query: CustomerListDocument, variables: { first: 100 } });
  const own = await partner.apollo.query({ query: CustomerListDocument, variables: { first: 100 } });

  const edges = own.data!.customers.edges;
  assert.ok(edges.length > 0);
  assert.ok(own.data!.customers.totalCount < all.data!.customers.totalCount);
  assert.deepEqual(new Set(edges.map((edge) => edge.node.reseller?.name)), new Set(["Northwind Partners"]));
});
