// The customer card's conference rooms: a block, a room on its first free extension with a PIN,
// a SIP user refused on the same number, the room's edit (PIN cleared) and removal.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ConferenceRoomCreateDocument,
  ConferenceRoomDeleteDocument,
  ConferenceRoomUpdateDocument,
  CustomerConferenceRoomsDocument,
  type CustomerConferenceRoomsQuery,
  type CustomerConferenceRoomsQueryVariables,
  CustomerCreateDocument,
  NumberBlockAssignDocument,
  SipUserCreateDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("a conference room on a free extension, the shared namespace, edit and removal", async () => {
  const client = await signedIn(env.admin);
  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `Rooms ${runId}`, currency: "EUR" } },
  });
  const customerId = created.data!.customerCreate.customer!.id;
  await client.apollo.mutate({ mutation: NumberBlockAssignDocument, variables: { input: { customerId } } });
  const tab = watch<CustomerConferenceRoomsQuery, CustomerConferenceRoomsQueryVariables>(client.apollo, {
    query: CustomerConferenceRoomsDocument,
    variables: { id: customerId },
  });
  const empty = await tab.settles("the empty list", (data) => data.customer?.conferenceRooms.length === 0);
  const extension = String(empty.customer!.availableExtensions.edges[0]!.node);

  // Create on the first free extension; the free list is refetched, the room appended.
  const room = await client.apollo.mutate({
    mutation: ConferenceRoomCreateDocument,
    variables: { input: { customerId, extension, name: "Board", pin: "4321", maxParticipants: 10 } },
    refetchQueries: [CustomerConferenceRoomsDocument],
    awaitRefetchQueries: true,
  });
  assert.deepEqual(room.data!.conferenceRoomCreate.errors, []);
  const row = room.data!.conferenceRoomCreate.conferenceRoom!;
  assert.deepEqual([row.extension, row.pinSet, row.maxParticipants, row.recording], [extension, true, 10, false]);
  const listed = await tab.settles("the room", (data) => data.customer?.conferenceRooms.length === 1);
  assert.ok(!listed.customer!.availableExtensions.edges.some((edge) => String(edge.node) === extension));

  // The same number for a SIP user: one namespace.
  const sip = await client.apollo.mutate({
    mutation: SipUserCreateDocument,
    variables: { input: { customerId, username: extension, password: "long-secret-1" } },
  });
  assert.deepEqual(
    sip.data!.sipUserCreate.errors.map((error) => [error.field, error.code]),
    [[["input", "username"], "DUPLICATE_EXTENSION"]],
  );

  // Edit in place: null clears the PIN.
  const mark = client.traffic.mark();
  await client.apollo.mutate({
    mutation: ConferenceRoomUpdateDocument,
    variables: { input: { id: row.id, pin: null, recording: true } },
  });
  const edited = await tab.settles("the open room", (data) => data.customer?.conferenceRooms[0]?.pinSet === false);
  assert.equal(edited.customer?.conferenceRooms[0]?.recording, true);
  assert.deepEqual(client.traffic.since(mark), ["ConferenceRoomUpdate"]);

  await client.apollo.mutate({
    mutation: ConferenceRoomDeleteDocument,
    variables: { input: { id: row.id } },
    update(cache, result) {
      const id = result.data?.conferenceRoomDelete.conferenceRoom?.id;
      if (id) {
        cache.evict({ id: cache.identify({ __typename: "ConferenceRoom", id }) });
        cache.gc();
      }
    },
  });
  await tab.settles("no room", (data) => data.customer?.conferenceRooms.length === 0);
  tab.stop();
});
