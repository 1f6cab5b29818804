// Delay and Save: raise a customer's debit limit in an hour, see it in the Delay Log and on the
// card, move it, cancel it (a second cancel is refused); penalize the customer for a day (its
// lift is a pending change on the card) and lift the penalty by hand.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CustomerCreateDocument,
  CustomerPenalizeDocument,
  CustomerPenaltyLiftDocument,
  CustomerPendingChangesDocument,
  CustomerUpdateLaterDocument,
  DelayLogDocument,
  ScheduledChangeCancelDocument,
  ScheduledChangeRescheduleDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

test("a change saved for later, the Delay Log, reschedule and cancel; a timed penalty", async () => {
  const client = await signedIn(env.admin);
  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `Later ${runId}`, currency: "EUR", debitLimit: "10" } },
  });
  const customerId = created.data!.customerCreate.customer!.id;

  // Delay and Save: nothing changes now; the change comes back with the values it watches.
  const later = await client.apollo.mutate({
    mutation: CustomerUpdateLaterDocument,
    variables: { input: { id: customerId, debitLimit: "50", effectiveAt: inHours(1), reason: "month end" } },
  });
  assert.deepEqual(later.data!.customerUpdate.errors, []);
  assert.equal(later.data!.customerUpdate.customer!.debitLimit, "10.00");
  const change = later.data!.customerUpdate.scheduledChange!;
  assert.deepEqual([change.kind, change.status, change.reason], ["CUSTOMER_UPDATE", "PENDING", "month end"]);
  assert.deepEqual(change.patch, { debit_limit: "50" });

  const log = await client.apollo.query({
    query: DelayLogDocument,
    variables: { where: { customerId: { eq: customerId }, status: { eq: "PENDING" } }, first: 10 },
    fetchPolicy: "network-only",
  });
  assert.deepEqual(
    log.data!.scheduledChanges.edges.map((edge) => edge.node.id),
    [change.id],
  );

  const moved = await client.apollo.mutate({
    mutation: ScheduledChangeRescheduleDocument,
    variables: { input: { id: change.id, effectiveAt: inHours(3) } },
  });
  assert.deepEqual(moved.data!.scheduledChangeReschedule.errors, []);
  const cancelled = await client.apollo.mutate({
    mutation: ScheduledChangeCancelDocument,
    variables: { input: { id: change.id, reason: "not needed" } },
  });
  assert.equal(cancelled.data!.scheduledChangeCancel.scheduledChange!.status, "CANCELLED");
  const again = await client.apollo.mutate({
    mutation: ScheduledChangeCancelDocument,
    variables: { input: { id: change.id } },
  });
  assert.deepEqual(
    again.data!.scheduledChangeCancel.errors.map((error) => error.code),
    ["NOT_PENDING"],
  );

  // A timed penalty: its lift waits on the card; lifting by hand restores the status.
  const penalized = await client.apollo.mutate({
    mutation: CustomerPenalizeDocument,
    variables: { input: { customerId, until: inHours(24), reason: "chargeback" } },
  });
  assert.deepEqual(penalized.data!.customerPenalize.errors, []);
  assert.equal(penalized.data!.customerPenalize.customer!.status, "PENALTY");
  const card = await client.apollo.query({
    query: CustomerPendingChangesDocument,
    variables: { id: customerId },
    fetchPolicy: "network-only",
  });
  assert.deepEqual(
    card.data!.customer!.scheduledChanges.map((pending) => pending.kind),
    ["PENALTY_LIFT"],
  );
  const lifted = await client.apollo.mutate({
    mutation: CustomerPenaltyLiftDocument,
    variables: { input: { customerId, reason: "paid" } },
  });
  assert.deepEqual(
    [lifted.data!.customerPenaltyLift.customer!.status, lifted.data!.customerPenaltyLift.customer!.penaltyUntil],
    ["ACTIVE", null],
  );
});
