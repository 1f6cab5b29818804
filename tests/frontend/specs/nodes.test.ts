// Deep links: `node` and `nodes` resolve global ids to the same normalized objects the lists use.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CustomerListDocument, NodeDocument, NodesDocument, ViewerDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env } from "../src/env";

test("node reads a customer, the viewer's user and a reseller by global id", async () => {
  const client = await signedIn(env.admin);
  const partner = await signedIn(env.partner);
  const list = await client.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });
  const customer = list.data!.customers.edges[0]!.node;
  const viewer = await client.apollo.query({ query: ViewerDocument });
  const partnerViewer = await partner.apollo.query({ query: ViewerDocument });

  const asCustomer = await client.apollo.query({ query: NodeDocument, variables: { id: customer.id } });
  const asUser = await client.apollo.query({
    query: NodeDocument,
    variables: { id: viewer.data!.viewer!.user!.id },
  });
  const reseller = partnerViewer.data!.viewer!.reseller!;
  const asReseller = await client.apollo.query({ query: NodeDocument, variables: { id: reseller.id } });

  assert.deepEqual(asCustomer.data?.node, {
    __typename: "Customer",
    id: customer.id,
    name: customer.name,
    currency: customer.currency,
  });
  assert.equal(asUser.data?.node?.__typename, "User");
  assert.deepEqual(asReseller.data?.node, { __typename: "Reseller", id: reseller.id, name: reseller.name });
});

test("nodes keeps the order of the ids and answers null for what the principal may not see", async () => {
  const admin = await signedIn(env.admin);
  const partner = await signedIn(env.partner);
  const all = await admin.apollo.query({ query: CustomerListDocument, variables: { first: 100 } });
  const own = await partner.apollo.query({ query: CustomerListDocument, variables: { first: 100 } });
  const ownIds = new Set(own.data!.customers.edges.map((edge) => edge.node.id));
  const hidden = all.data!.customers.edges.find((edge) => !ownIds.has(edge.node.id))!.node;
  const visible = own.data!.customers.edges[0]!.node;

  const { data } = await partner.apollo.query({
    query: NodesDocument,
    variables: { ids: [hidden.id, visible.id] },
  });

  assert.deepEqual(data!.nodes, [null, { __typename: "Customer", id: visible.id, name: visible.name }]);
});
