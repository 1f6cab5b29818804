// Settings > E-mail: the operator enters the carrier's SMTP server, sends a test e-mail, and
// watches it leave through the outbox (the in-process worker) to the real SMTP server.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  type AccountSettingsQuery,
  AccountSettingsDocument,
  AccountSettingsUpdateDocument,
  type AccountSettingsQueryVariables,
  MessageDocument,
  MessageTestDocument,
  MessagesDocument,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { mailTo } from "../src/mailbox";
import { EMAIL_FROM, useTheSuiteSmtpServer } from "../src/smtp";
import { until, watch } from "../src/wait";

test("saving the SMTP form updates the settings screen from the mutation; the password stays write-only", async () => {
  const client = await signedIn(env.admin);
  const screen = watch<AccountSettingsQuery, AccountSettingsQueryVariables>(client.apollo, {
    query: AccountSettingsDocument,
  });
  await screen.settles("the settings", () => true);
  const mark = client.traffic.mark();

  const saved = await useTheSuiteSmtpServer(client, "Carrier mail relay");

  assert.equal(saved.accountSettings?.smtpPassword, null);
  const shown = await screen.settles(
    "the saved settings",
    (d) => d.accountSettings.smtpHost === env.smtp.host,
  );
  assert.equal(shown.accountSettings.smtpPort, env.smtp.port);
  assert.equal(shown.accountSettings.smtpTlsMode, "NONE");
  assert.equal(shown.accountSettings.smtpPassword, null, "a secret never reads back");
  assert.equal(shown.accountSettings.smtpPasswordSet, true);
  assert.deepEqual(client.traffic.since(mark), ["AccountSettingsUpdate"]);
  screen.stop();
});

test("a cloud metadata address is refused on the SMTP host field", async () => {
  const client = await signedIn(env.admin);

  const { data } = await client.apollo.mutate({
    mutation: AccountSettingsUpdateDocument,
    variables: { input: { smtpHost: "169.254.169.254" } },
  });

  assert.equal(data!.accountSettingsUpdate.accountSettings, null);
  assert.deepEqual(
    data!.accountSettingsUpdate.errors.map((error) => [error.field, error.code]),
    [[["input", "smtpHost"], "ADDRESS_NOT_ALLOWED"]],
  );
});

test("a test e-mail goes QUEUED, then SENT, and arrives at the SMTP server", async () => {
  const client = await signedIn(env.admin);
  await useTheSuiteSmtpServer(client);
  const to = `ops-${runId}@customer.example`;

  const { data } = await client.apollo.mutate({
    mutation: MessageTestDocument,
    variables: { input: { channel: "EMAIL", to } },
  });

  assert.deepEqual(data!.messageTest.errors, []);
  const queued = data!.messageTest.message!;
  assert.equal(queued.kind, "TEST");
  assert.equal(queued.to, to);
  const sent = await until("the message to be sent", async () => {
    const result = await client.apollo.query({
      query: MessageDocument,
      variables: { id: queued.id },
      fetchPolicy: "network-only",
    });
    return result.data?.message?.status === "SENT" ? result.data.message : undefined;
  });
  assert.equal(sent.attempts, 1);
  assert.ok(sent.sentAt);
  const mail = await mailTo(to);
  assert.equal(mail.mailFrom, EMAIL_FROM);
  assert.equal(mail.subject, "Switchboard test message from Demo Carrier");
  assert.match(mail.text, /this is a test message from Demo Carrier/);

  const outbox = await client.apollo.query({
    query: MessagesDocument,
    variables: { first: 10, where: { to: { eq: to }, status: { eq: "SENT" } } },
  });
  assert.deepEqual(
    outbox.data!.messages.edges.map((edge) => edge.node.id),
    [queued.id],
  );
  const cachedKey = client.cache.identify({ __typename: "Message", id: queued.id });
  assert.equal((client.cache.extract() as Record<string, { status?: string }>)[cachedKey!]?.status, "SENT");
});
