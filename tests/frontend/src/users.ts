// Settings > Users as the suite needs it: the admin's role (from the Users list, as the invite
// form's role picker would offer it until `roles` lands), and a user invited and joined.
import assert from "node:assert/strict";

import {
  AccountManagerOptionsDocument,
  PasswordResetCompleteDocument,
  UserInviteDocument,
} from "../generated/graphql";
import { type Client, createClient } from "./client";
import { env, runId } from "./env";
import { linkIn, mailTo } from "./mailbox";
import { useTheSuiteSmtpServer } from "./smtp";

/** The signed-in admin's role, as the Users list shows it. */
export async function adminRoleId(admin: Client): Promise<string> {
  const { data } = await admin.apollo.query({ query: AccountManagerOptionsDocument, fetchPolicy: "network-only" });
  const me = data!.users.edges.find((edge) => edge.node.email === env.admin.email);
  assert.ok(me?.node.role, "the admin is in the Users list with its role");
  return me.node.role.id;
}

export interface Joined {
  id: string;
  email: string;
  password: string;
}

/** Invite a user with the admin's role, follow its e-mailed link, choose its password. */
export async function invitedAndJoined(admin: Client, label: string): Promise<Joined> {
  await useTheSuiteSmtpServer(admin);
  const email = `${label}-${runId}@demo-carrier.example`;
  const invited = await admin.apollo.mutate({
    mutation: UserInviteDocument,
    variables: { input: { email, name: `${label} ${runId}`, roleId: await adminRoleId(admin), resellerId: null } },
  });
  assert.deepEqual(invited.data!.userInvite.errors, []);
  const { token } = linkIn(await mailTo(email));
  const password = `The ${label} password ${runId}`;
  const done = await createClient().apollo.mutate({
    mutation: PasswordResetCompleteDocument,
    variables: { input: { token, newPassword: password } },
  });
  assert.deepEqual(done.data!.passwordResetComplete.errors, []);
  return { id: invited.data!.userInvite.user!.id, email, password };
}
