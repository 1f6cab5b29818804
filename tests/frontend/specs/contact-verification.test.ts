// The customer card's Verification: a customer that requires a verified e-mail shows it pending
// until a contact proves its address with the code e-mailed to it; a wrong code is refused on
// its field, and a contact without a mobile cannot be sent an SMS code.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ContactCreateDocument,
  ContactVerificationSendDocument,
  ContactVerifyDocument,
  CustomerCreateDocument,
  CustomerVerificationPendingDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { mailTo } from "../src/mailbox";
import { useTheSuiteSmtpServer } from "../src/smtp";

test("a contact verifies its e-mail with the code it receives, and the card stops asking", async () => {
  const client = await signedIn(env.admin);
  await useTheSuiteSmtpServer(client, "Verification spec");
  const customer = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `Verify ${runId}`, currency: "EUR", emailVerificationRequired: true } },
  });
  const customerId = customer.data!.customerCreate.customer!.id;
  const email = `verify.${runId}@customer.example`;
  const created = await client.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: { input: { customerId, name: "Vera", email } },
  });
  const contactId = created.data!.contactCreate.contact!.id;
  const pending = async () =>
    (
      await client.apollo.query({
        query: CustomerVerificationPendingDocument,
        variables: { id: customerId },
        fetchPolicy: "network-only",
      })
    ).data!.customer!.verificationPending;
  assert.deepEqual(await pending(), ["EMAIL"]);

  const noMobile = await client.apollo.mutate({
    mutation: ContactVerificationSendDocument,
    variables: { input: { contactId, channel: "SMS" } },
  });
  assert.deepEqual(
    noMobile.data!.contactVerificationSend.errors.map((error) => [error.field, error.code]),
    [[["input", "channel"], "NO_ADDRESS"]],
  );
  const sent = await client.apollo.mutate({
    mutation: ContactVerificationSendDocument,
    variables: { input: { contactId, channel: "EMAIL" } },
  });
  assert.deepEqual(sent.data!.contactVerificationSend.errors, []);
  const mail = await mailTo(email, (m) => m.subject.endsWith("verification code"));
  const code = mail.text.match(/^Code: (\d{6})\r?$/m)?.[1];
  assert.ok(code, mail.text);

  const wrong = await client.apollo.mutate({
    mutation: ContactVerifyDocument,
    variables: { input: { contactId, channel: "EMAIL", code: code === "000000" ? "111111" : "000000" } },
  });
  assert.deepEqual(
    wrong.data!.contactVerify.errors.map((error) => [error.field, error.code]),
    [[["input", "code"], "INVALID_CODE"]],
  );
  const right = await client.apollo.mutate({
    mutation: ContactVerifyDocument,
    variables: { input: { contactId, channel: "EMAIL", code } },
  });
  assert.deepEqual(right.data!.contactVerify.errors, []);
  assert.equal(right.data!.contactVerify.contact!.emailVerified, true);
  assert.deepEqual(await pending(), []);
});
