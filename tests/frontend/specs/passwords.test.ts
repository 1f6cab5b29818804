// "Forgot your password?" and My account > Password: the reset form answers the same for any
// e-mail, the e-mailed link sets a new password, and a change ends the user's other sessions.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { CombinedGraphQLErrors } from "@apollo/client";

import {
  PasswordResetCompleteDocument,
  PasswordResetRequestDocument,
  ViewerDocument,
  ViewerPasswordChangeDocument,
} from "../generated/graphql";
import { createClient, logIn, signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { linkIn, mailTo } from "../src/mailbox";
import { invitedAndJoined } from "../src/users";

const RESET_SUBJECT = "Reset your Switchboard password";

test("the reset form answers alike for a user and a stranger; the link sets a new password", async () => {
  const admin = await signedIn(env.admin);
  const joined = await invitedAndJoined(admin, "forgetful");
  const anonymous = createClient();

  const known = await anonymous.apollo.mutate({
    mutation: PasswordResetRequestDocument,
    variables: { email: joined.email },
  });
  const stranger = await anonymous.apollo.mutate({
    mutation: PasswordResetRequestDocument,
    variables: { email: `nobody-${runId}@demo-carrier.example` },
  });
  const { token } = linkIn(await mailTo(joined.email, (mail) => mail.subject === RESET_SUBJECT));
  const done = await anonymous.apollo.mutate({
    mutation: PasswordResetCompleteDocument,
    variables: { input: { token, newPassword: `A remembered password ${runId}` } },
  });

  assert.deepEqual(known.data, stranger.data);
  assert.deepEqual(known.data!.passwordResetRequest, { __typename: "PasswordResetRequestPayload", ok: true, errors: [] });
  assert.deepEqual(done.data!.passwordResetComplete.errors, []);
  assert.deepEqual((await logIn(joined.email, joined.password)).errors.map((e) => e.code), ["INVALID_CREDENTIALS"]);
  assert.deepEqual((await logIn(joined.email, `A remembered password ${runId}`)).errors, []);
});

test("changing one's password needs the current one and ends the other sessions", async () => {
  const admin = await signedIn(env.admin);
  const joined = await invitedAndJoined(admin, "careful");
  const here = await signedIn(joined);
  const elsewhere = await signedIn(joined);

  const wrong = await here.apollo.mutate({
    mutation: ViewerPasswordChangeDocument,
    variables: { input: { currentPassword: "not the password", newPassword: `Changed ${runId} password` } },
  });
  const changed = await here.apollo.mutate({
    mutation: ViewerPasswordChangeDocument,
    variables: { input: { currentPassword: joined.password, newPassword: `Changed ${runId} password` } },
  });

  assert.deepEqual(
    wrong.data!.viewerPasswordChange.errors.map((error) => [error.field, error.code]),
    [[["input", "currentPassword"], "INVALID_CREDENTIALS"]],
  );
  assert.deepEqual(changed.data!.viewerPasswordChange.errors, []);
  const mine = await here.apollo.query({ query: ViewerDocument, fetchPolicy: "network-only" });
  assert.equal(mine.data!.viewer?.user?.email, joined.email, "this session stays");
  await assert.rejects(
    elsewhere.apollo.query({ query: ViewerDocument, fetchPolicy: "network-only" }),
    (error: CombinedGraphQLErrors) => {
      assert.deepEqual(
        error.errors.map((e) => e.extensions?.["code"]),
        ["SESSION_REVOKED"],
        "the other session ended",
      );
      return true;
    },
  );
  assert.deepEqual((await logIn(joined.email, `Changed ${runId} password`)).errors, []);
});
