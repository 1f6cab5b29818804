// The customer list's Send Email: preview it (nothing written), send it (one e-mail per contact,
// each to its own recipient), and find it at the top of the sent list.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BroadcastsDocument,
  ContactCreateDocument,
  CustomerCreateDocument,
  CustomerMessageSendDocument,
} from "../generated/graphql";
import { type Client, signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { mailTo } from "../src/mailbox";
import { EMAIL_FROM, useTheSuiteSmtpServer } from "../src/smtp";

async function newCustomer(client: Client, name: string): Promise<string> {
  const { data } = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `${name} ${runId}`, currency: "EUR" } },
  });
  return data!.customerCreate.customer!.id;
}

test("send an e-mail to two customers' contacts: a preview, then one message each", async () => {
  const client = await signedIn(env.admin);
  await useTheSuiteSmtpServer(client, "Broadcasts spec");
  const reached = await newCustomer(client, "Broadcast reached");
  const unreachable = await newCustomer(client, "Broadcast unreachable");
  const addresses = [`ann.${runId}@broadcast.example`, `ben.${runId}@broadcast.example`];
  for (const [i, email] of addresses.entries()) {
    await client.apollo.mutate({
      mutation: ContactCreateDocument,
      variables: { input: { customerId: reached, name: ["Ann", "Ben"][i]!, email } },
    });
  }
  const input = {
    ids: [reached, unreachable],
    channel: "EMAIL" as const,
    subject: `News ${runId}`,
    body: "Hello {{contact.name}}",
  };

  const dry = await client.apollo.mutate({
    mutation: CustomerMessageSendDocument,
    variables: { input: { ...input, dryRun: true } },
  });
  const preview = dry.data!.customerMessageSend;
  assert.deepEqual([preview.dryRun, preview.recipientCount, preview.broadcast], [true, 2, null]);
  assert.equal(preview.preview?.text.trim(), "Hello Ann");
  assert.deepEqual(
    preview.unreachable.map((customer) => customer.customerId),
    [unreachable],
  );

  const { data } = await client.apollo.mutate({ mutation: CustomerMessageSendDocument, variables: { input } });
  const sent = data!.customerMessageSend;
  assert.deepEqual([sent.errors, sent.recipientCount], [[], 2]);

  for (const [i, email] of addresses.entries()) {
    const mail = await mailTo(email, (m) => m.subject === `News ${runId}`);
    assert.deepEqual([mail.mailFrom, mail.rcptTos], [EMAIL_FROM, [email]], "one recipient each");
    assert.ok(mail.text.includes(`Hello ${["Ann", "Ben"][i]}`), mail.text);
  }
  const listed = await client.apollo.query({
    query: BroadcastsDocument,
    variables: { first: 5 },
    fetchPolicy: "network-only",
  });
  assert.equal(listed.data!.broadcasts.edges[0]?.node.id, sent.broadcast!.id);
});
