// The customer card's Auth tab: assign an internal number block, add a SIP user inside it, edit
// and delete it, release the block. Objects the server returns update in place (normalized by
// id); lists the payload does not carry are patched in the cache or refetched, as noted.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  AccountSettingsDocument,
  CustomerCreateDocument,
  CustomerNumbersDocument,
  type CustomerNumbersQuery,
  type CustomerNumbersQueryVariables,
  NumberBlockAssignDocument,
  NumberBlockReleaseDocument,
  SipUserCreateDocument,
  SipUserDeleteDocument,
  SipUserUpdateDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("a block, a SIP user inside it, its edit and removal, and the block's release", async () => {
  const client = await signedIn(env.admin);
  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    // Caps of 10 channels and 5 calls/s: a SIP user's caps stay within its customer's.
    variables: { input: { name: `Numbers ${runId}`, currency: "EUR", channels: 10, flowSpeed: 5 } },
  });
  const customerId = created.data!.customerCreate.customer!.id;
  const settings = await client.apollo.query({ query: AccountSettingsDocument, fetchPolicy: "network-only" });
  const nextStart = settings.data!.accountSettings.nextFreeBlockStart!;
  const tab = watch<CustomerNumbersQuery, CustomerNumbersQueryVariables>(client.apollo, {
    query: CustomerNumbersDocument,
    variables: { id: customerId },
  });
  await tab.settles("the empty tab", (data) => data.customer?.numberBlocks.length === 0);

  // Assign: the app appends the returned block to the customer's list in the cache.
  let mark = client.traffic.mark();
  const assigned = await client.apollo.mutate({
    mutation: NumberBlockAssignDocument,
    variables: { input: { customerId } },
    update(cache, result) {
      const block = result.data?.numberBlockAssign.numberBlock;
      if (block) {
        cache.modify({
          id: cache.identify({ __typename: "Customer", id: customerId }),
          fields: {
            numberBlocks: (existing, { toReference }) => [...(existing as unknown[]), toReference(block)],
          },
        });
      }
    },
  });
  const block = assigned.data!.numberBlockAssign.numberBlock!;
  assert.deepEqual([block.start, block.used, block.free], [nextStart, 0, block.size]);
  await tab.settles("the block on the tab", (data) => data.customer?.numberBlocks[0]?.id === block.id);
  assert.deepEqual(client.traffic.since(mark), ["NumberBlockAssign"]);

  // A SIP user on an extension of the block; the block's usage comes from a refetch.
  const username = String(block.start + 1);
  const sip = await client.apollo.mutate({
    mutation: SipUserCreateDocument,
    variables: { input: { customerId, username, password: "long-secret-1", channels: 2 } },
    refetchQueries: [CustomerNumbersDocument],
    awaitRefetchQueries: true,
  });
  assert.deepEqual(sip.data!.sipUserCreate.errors, []);
  const sipUser = sip.data!.sipUserCreate.sipUser!;
  const withUser = await tab.settles("the SIP user", (data) => data.customer?.sipUsers.length === 1);
  assert.equal(withUser.customer?.numberBlocks[0]?.used, 1);
  assert.ok(!withUser.customer?.availableExtensions.edges.some((edge) => edge.node === block.start + 1));

  // Outside the block: refused on the username field.
  const outside = await client.apollo.mutate({
    mutation: SipUserCreateDocument,
    variables: { input: { customerId, username: String(block.end + 5_000), password: "long-secret-2" } },
  });
  assert.deepEqual(
    outside.data!.sipUserCreate.errors.map((error) => [error.field, error.code]),
    [[["input", "username"], "EXTENSION_OUT_OF_BLOCK"]],
  );

  // Edit: the normalized SipUser updates in place.
  mark = client.traffic.mark();
  await client.apollo.mutate({
    mutation: SipUserUpdateDocument,
    variables: { input: { id: sipUser.id, channels: 4, cps: 2 } },
  });
  const edited = await tab.settles(
    "the edited SIP user",
    (data) => data.customer?.sipUsers[0]?.channels === 4,
  );
  assert.equal(edited.customer?.sipUsers[0]?.cps, 2);
  assert.deepEqual(client.traffic.since(mark), ["SipUserUpdate"]);

  // A block in use cannot be released.
  const busy = await client.apollo.mutate({
    mutation: NumberBlockReleaseDocument,
    variables: { input: { id: block.id } },
  });
  assert.deepEqual(
    busy.data!.numberBlockRelease.errors.map((error) => error.code),
    ["BLOCK_IN_USE"],
  );

  // Delete the SIP user, then release the block: both evicted from the cache.
  const evict = (typename: string) => (cache: typeof client.cache, id: string | null | undefined) => {
    if (id) {
      cache.evict({ id: cache.identify({ __typename: typename, id }) });
      cache.gc();
    }
  };
  await client.apollo.mutate({
    mutation: SipUserDeleteDocument,
    variables: { input: { id: sipUser.id } },
    update: (cache, result) =>
      evict("SipUser")(cache as typeof client.cache, result.data?.sipUserDelete.deletedId),
  });
  const released = await client.apollo.mutate({
    mutation: NumberBlockReleaseDocument,
    variables: { input: { id: block.id } },
    update: (cache, result) =>
      evict("NumberBlock")(cache as typeof client.cache, result.data?.numberBlockRelease.releasedId),
  });
  assert.equal(released.data!.numberBlockRelease.releasedId, block.id);
  await tab.settles(
    "an empty tab again",
    (data) => data.customer?.sipUsers.length === 0 && data.customer.numberBlocks.length === 0,
  );
  tab.stop();
  const after = await client.apollo.query({ query: AccountSettingsDocument, fetchPolicy: "network-only" });
  assert.equal(after.data!.accountSettings.nextFreeBlockStart, nextStart, "the released block is free again");
});
