// Settings > Users > Invite: the invitee gets an e-mail with a set-password link.
import assert from "node:assert/strict";
import { test } from "node:test";

import { UserInviteDocument } from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { linkIn, mailTo } from "../src/mailbox";
import { useTheSuiteSmtpServer } from "../src/smtp";
import { adminRoleId } from "../src/users";

test("an invited user receives a set-password link by e-mail", async () => {
  const client = await signedIn(env.admin);
  await useTheSuiteSmtpServer(client);
  const roleId = await adminRoleId(client);
  const email = `agent-${runId}@demo-carrier.example`;

  const { data } = await client.apollo.mutate({
    mutation: UserInviteDocument,
    variables: { input: { email, name: "New Agent", roleId, resellerId: null } },
  });

  assert.deepEqual(data!.userInvite.errors, []);
  assert.equal(data!.userInvite.user?.email, email);
  assert.equal(data!.userInvite.user?.role?.id, roleId);
  const mail = await mailTo(email);
  const { token } = linkIn(mail);
  assert.ok(token.length >= 16, "the link carries a token");
  assert.ok(!mail.text.includes(env.admin.password));
});

test("inviting an e-mail that is already a user is a DUPLICATE on the email field", async () => {
  const client = await signedIn(env.admin);
  const roleId = await adminRoleId(client);

  const { data } = await client.apollo.mutate({
    mutation: UserInviteDocument,
    variables: {
      input: { email: env.admin.email, name: "Again", roleId, resellerId: null },
    },
  });

  assert.equal(data!.userInvite.user, null);
  assert.deepEqual(
    data!.userInvite.errors.map((error) => [error.field, error.code]),
    [[["input", "email"], "DUPLICATE"]],
  );
});
