// The customer card's Auth tab, IP authentication: add a network with a tech prefix, see another
// customer's overlapping claim refused, edit and delete it; and the switch's lookups of the
// customer a call belongs to (by address and prefix, by SIP username).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CustomerAuthLookupBySipUserDocument,
  CustomerAuthLookupDocument,
  CustomerCreateDocument,
  CustomerIpAuthsDocument,
  type CustomerIpAuthsQuery,
  type CustomerIpAuthsQueryVariables,
  IpAuthCreateDocument,
  IpAuthDeleteDocument,
  IpAuthUpdateDocument,
  SipUserCreateDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("an IP authentication, a refused overlap, the switch's lookups, edit and removal", async () => {
  const client = await signedIn(env.admin);
  const customer = async (name: string) => {
    const created = await client.apollo.mutate({
      mutation: CustomerCreateDocument,
      variables: { input: { name: `${name} ${runId}`, currency: "EUR", channels: 20, flowSpeed: 5 } },
    });
    return created.data!.customerCreate.customer!.id;
  };
  const customerId = await customer("Trunk");
  const otherId = await customer("Other trunk");
  const tab = watch<CustomerIpAuthsQuery, CustomerIpAuthsQueryVariables>(client.apollo, {
    query: CustomerIpAuthsDocument,
    variables: { id: customerId },
  });
  await tab.settles("the empty tab", (data) => data.customer?.ipAuths.length === 0);

  // Add: the app appends the returned row to the customer's list in the cache.
  // A network of its own per run (the suite's server may keep rows of earlier runs).
  const octet = Number.parseInt(runId, 36) % 250;
  const network = `10.${octet}.7.0/24`;
  let mark = client.traffic.mark();
  const created = await client.apollo.mutate({
    mutation: IpAuthCreateDocument,
    variables: { input: { customerId, address: ` 10.${octet}.7.9/24 `, techPrefix: "77#", channels: 4 } },
    update(cache, result) {
      const row = result.data?.ipAuthCreate.ipAuth;
      if (row) {
        cache.modify({
          id: cache.identify({ __typename: "Customer", id: customerId }),
          fields: { ipAuths: (existing, { toReference }) => [...(existing as unknown[]), toReference(row)] },
        });
      }
    },
  });
  assert.deepEqual(created.data!.ipAuthCreate.errors, []);
  const row = created.data!.ipAuthCreate.ipAuth!;
  assert.deepEqual([row.address, row.techPrefix, row.channels, row.cps], [network, "77#", 4, 0]);
  await tab.settles("the network on the tab", (data) => data.customer?.ipAuths[0]?.id === row.id);
  assert.deepEqual(client.traffic.since(mark), ["IpAuthCreate"]);

  // Another customer on an address inside it, without a prefix: the switch could not tell them apart.
  const clash = await client.apollo.mutate({
    mutation: IpAuthCreateDocument,
    variables: { input: { customerId: otherId, address: `10.${octet}.7.200` } },
  });
  assert.deepEqual(
    clash.data!.ipAuthCreate.errors.map((error) => [error.field, error.code]),
    [[["input", "address"], "IP_RANGE_OVERLAP"]],
  );
  const above = await client.apollo.mutate({
    mutation: IpAuthCreateDocument,
    variables: { input: { customerId, address: "192.0.2.1", cps: 6 } },
  });
  assert.deepEqual(
    above.data!.ipAuthCreate.errors.map((error) => [error.field, error.code]),
    [[["input", "cps"], "ABOVE_CUSTOMER_LIMIT"]],
  );

  // The switch: a call from inside the network with the prefix is this customer's, with its caps.
  const found = await client.apollo.query({
    query: CustomerAuthLookupDocument,
    variables: { ip: `10.${octet}.7.42`, techPrefix: "77#" },
    fetchPolicy: "network-only",
  });
  assert.deepEqual(
    [found.data!.customerAuthLookup?.customerId, found.data!.customerAuthLookup?.channels],
    [customerId, 4],
  );
  assert.equal(found.data!.customerAuthLookup?.cps, 5);
  const stranger = await client.apollo.query({
    query: CustomerAuthLookupDocument,
    variables: { ip: `10.${octet}.7.42` },
    fetchPolicy: "network-only",
  });
  assert.equal(stranger.data!.customerAuthLookup, null);
  const username = `trunk-${runId}`.slice(0, 60);
  await client.apollo.mutate({
    mutation: SipUserCreateDocument,
    variables: { input: { customerId, username, password: "long-secret-1" } },
  });
  const bySip = await client.apollo.query({
    query: CustomerAuthLookupBySipUserDocument,
    variables: { username },
    fetchPolicy: "network-only",
  });
  assert.deepEqual(
    [bySip.data!.customerAuthLookupBySipUser?.customerId, bySip.data!.customerAuthLookupBySipUser?.sipUser?.username],
    [customerId, username],
  );

  // Edit: the normalized IpAuth updates in place; null clears the prefix.
  mark = client.traffic.mark();
  await client.apollo.mutate({
    mutation: IpAuthUpdateDocument,
    variables: { input: { id: row.id, techPrefix: null, notes: "rack 4" } },
  });
  const edited = await tab.settles("the edited row", (data) => data.customer?.ipAuths[0]?.notes === "rack 4");
  assert.equal(edited.customer?.ipAuths[0]?.techPrefix, null);
  assert.deepEqual(client.traffic.since(mark), ["IpAuthUpdate"]);

  // Delete: evicted from the cache.
  await client.apollo.mutate({
    mutation: IpAuthDeleteDocument,
    variables: { input: { id: row.id } },
    update(cache, result) {
      const id = result.data?.ipAuthDelete.ipAuth?.id;
      if (id) {
        cache.evict({ id: cache.identify({ __typename: "IpAuth", id }) });
        cache.gc();
      }
    },
  });
  await tab.settles("an empty tab again", (data) => data.customer?.ipAuths.length === 0);
  tab.stop();
});
