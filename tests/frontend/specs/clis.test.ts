// The customer card's caller ids: add one (its attestation the customer's), a duplicate refused,
// the verification call placed (the demo has no voice provider: the call goes to the outbox
// folder), a wrong code refused, staff approval, the attestation changed, removal; an add and a
// re-attestation saved for later (Delay and Save) change nothing now and are cancelled.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CliAddDocument,
  CliApproveDocument,
  CliDeleteDocument,
  CliUpdateDocument,
  CliVerificationCallDocument,
  CliVerifyDocument,
  CustomerClisDocument,
  type CustomerClisQuery,
  type CustomerClisQueryVariables,
  CustomerCreateDocument,
  ScheduledChangeCancelDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { watch } from "../src/wait";

test("a caller id added, called, approved, re-attested and removed", async () => {
  const client = await signedIn(env.admin);
  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `Caller ids ${runId}`, currency: "EUR", stirShakenAttestation: "B" } },
  });
  const customerId = created.data!.customerCreate.customer!.id;
  const tab = watch<CustomerClisQuery, CustomerClisQueryVariables>(client.apollo, {
    query: CustomerClisDocument,
    variables: { id: customerId },
  });
  await tab.settles("no caller ids", (data) => data.customer?.clis.length === 0);

  // Add: normalized to E.164, PENDING, with the customer's attestation; appended in the cache.
  const added = await client.apollo.mutate({
    mutation: CliAddDocument,
    variables: { input: { customerId, number: "+44 7911 123456" } },
    refetchQueries: [CustomerClisDocument],
    awaitRefetchQueries: true,
  });
  assert.deepEqual(added.data!.cliAdd.errors, []);
  const cli = added.data!.cliAdd.cli!;
  assert.deepEqual([cli.number, cli.status, cli.attestation], ["+447911123456", "PENDING", "B"]);
  await tab.settles("the caller id", (data) => data.customer?.clis[0]?.id === cli.id);
  const duplicate = await client.apollo.mutate({
    mutation: CliAddDocument,
    variables: { input: { customerId, number: "+447911123456" } },
  });
  assert.deepEqual(
    duplicate.data!.cliAdd.errors.map((error) => [error.field, error.code]),
    [[["input", "number"], "DUPLICATE"]],
  );

  // The verification call: the code expires; a wrong one is refused and counts a try.
  const called = await client.apollo.mutate({ mutation: CliVerificationCallDocument, variables: { input: { cliId: cli.id } } });
  assert.deepEqual(called.data!.cliVerificationCall.errors, []);
  assert.ok(called.data!.cliVerificationCall.cli!.codeExpiresAt);
  const again = await client.apollo.mutate({ mutation: CliVerificationCallDocument, variables: { input: { cliId: cli.id } } });
  assert.deepEqual(
    again.data!.cliVerificationCall.errors.map((error) => error.code),
    ["THROTTLED"],
  );
  const wrong = await client.apollo.mutate({
    mutation: CliVerifyDocument,
    variables: { input: { cliId: cli.id, code: "not-a-code" } },
  });
  assert.deepEqual(
    wrong.data!.cliVerify.errors.map((error) => [error.field, error.code]),
    [[["input", "code"], "INVALID_CODE"]],
  );

  // Staff approve it directly: the normalized Cli updates in place on the tab.
  const mark = client.traffic.mark();
  const approved = await client.apollo.mutate({ mutation: CliApproveDocument, variables: { input: { cliId: cli.id } } });
  assert.deepEqual(approved.data!.cliApprove.errors, []);
  const shown = await tab.settles("approved", (data) => data.customer?.clis[0]?.status === "APPROVED");
  assert.ok(shown.customer!.clis[0]!.approvedBy?.id);
  assert.deepEqual(client.traffic.since(mark), ["CliApprove"]);

  const updated = await client.apollo.mutate({
    mutation: CliUpdateDocument,
    variables: { input: { id: cli.id, attestation: "A" } },
  });
  assert.equal(updated.data!.cliUpdate.cli!.attestation, "A");

  // Delay and Save: the re-attestation and a second number are stored for in an hour; the CLI
  // is returned as it is now, the new number is not there yet; both are cancelled.
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  const later = await client.apollo.mutate({
    mutation: CliUpdateDocument,
    variables: { input: { id: cli.id, attestation: "C", effectiveAt: inAnHour, reason: "new certificate" } },
  });
  assert.deepEqual(later.data!.cliUpdate.errors, []);
  assert.equal(later.data!.cliUpdate.cli!.attestation, "A");
  const reattest = later.data!.cliUpdate.scheduledChange!;
  assert.deepEqual([reattest.kind, reattest.status, reattest.patch], ["CLI_UPDATE", "PENDING", { attestation: "C" }]);
  const addLater = await client.apollo.mutate({
    mutation: CliAddDocument,
    variables: { input: { customerId, number: "+14155550100", effectiveAt: inAnHour } },
  });
  assert.equal(addLater.data!.cliAdd.cli, null);
  const addition = addLater.data!.cliAdd.scheduledChange!;
  assert.deepEqual([addition.kind, addition.status], ["CLI_ADD", "PENDING"]);
  for (const change of [reattest, addition]) {
    const cancelled = await client.apollo.mutate({
      mutation: ScheduledChangeCancelDocument,
      variables: { input: { id: change.id } },
    });
    assert.equal(cancelled.data!.scheduledChangeCancel.scheduledChange!.status, "CANCELLED");
  }

  await client.apollo.mutate({
    mutation: CliDeleteDocument,
    variables: { input: { cliId: cli.id } },
    update(cache, result) {
      const id = result.data?.cliDelete.cli?.id;
      if (id) {
        cache.evict({ id: cache.identify({ __typename: "Cli", id }) });
        cache.gc();
      }
    },
  });
  await tab.settles("no caller id", (data) => data.customer?.clis.length === 0);
  tab.stop();
});
