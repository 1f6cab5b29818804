// Settings > E-mail filled in as the operator would: the carrier's relay is the suite's SMTP server.
import assert from "node:assert/strict";

import { AccountSettingsUpdateDocument, type AccountSettingsUpdateMutation } from "../generated/graphql";
import type { Client } from "./client";
import { env } from "./env";

export const EMAIL_FROM = "noc@demo-carrier.example";

export async function useTheSuiteSmtpServer(
  client: Client,
  reason?: string,
): Promise<AccountSettingsUpdateMutation["accountSettingsUpdate"]> {
  const { data } = await client.apollo.mutate({
    mutation: AccountSettingsUpdateDocument,
    variables: {
      input: {
        emailFrom: EMAIL_FROM,
        smtpHost: env.smtp.host,
        smtpPort: env.smtp.port,
        smtpTlsMode: "NONE",
        smtpUsername: env.smtp.username,
        smtpPassword: env.smtp.password,
        reason: reason ?? null,
      },
    },
  });
  assert.deepEqual(data!.accountSettingsUpdate.errors, []);
  return data!.accountSettingsUpdate;
}
