// The page behind the invitation link: the invitee chooses a password, then signs in with it.
// (Uses userInvite too: move it in with user-invite.)
import assert from "node:assert/strict";
import { test } from "node:test";

import { PasswordResetCompleteDocument, UserInviteDocument, ViewerDocument } from "../generated/graphql";
import { createClient, logIn, signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { linkIn, mailTo } from "../src/mailbox";
import { useTheSuiteSmtpServer } from "../src/smtp";
import { adminRoleId } from "../src/users";

test("the link's token sets the password once; the invitee then signs in", async () => {
  const admin = await signedIn(env.admin);
  await useTheSuiteSmtpServer(admin);
  const roleId = await adminRoleId(admin);
  const email = `set-password-${runId}@demo-carrier.example`;
  await admin.apollo.mutate({
    mutation: UserInviteDocument,
    variables: { input: { email, name: "Invitee", roleId, resellerId: null } },
  });
  const { token } = linkIn(await mailTo(email));
  const anonymous = createClient();

  const short = await anonymous.apollo.mutate({
    mutation: PasswordResetCompleteDocument,
    variables: { input: { token, newPassword: "short" } },
  });
  const done = await anonymous.apollo.mutate({
    mutation: PasswordResetCompleteDocument,
    variables: { input: { token, newPassword: `A long new password ${runId}` } },
  });
  const again = await anonymous.apollo.mutate({
    mutation: PasswordResetCompleteDocument,
    variables: { input: { token, newPassword: `Another password ${runId}` } },
  });

  assert.deepEqual(
    short.data!.passwordResetComplete.errors.map((error) => [error.field, error.code]),
    [[["input", "newPassword"], "INVALID"]],
  );
  assert.deepEqual(done.data!.passwordResetComplete.errors, []);
  assert.ok(again.data!.passwordResetComplete.errors.length > 0, "a token works once");
  const { client, errors } = await logIn(email, `A long new password ${runId}`);
  assert.deepEqual(errors, []);
  const viewer = await client.apollo.query({ query: ViewerDocument });
  assert.equal(viewer.data!.viewer!.user?.email, email);
});
