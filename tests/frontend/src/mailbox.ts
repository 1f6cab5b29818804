// The SMTP server's inbox. The test's SMTP server (aiosmtpd, in the pytest process) writes every
// e-mail it accepts as one JSON file, decoded by Python's email package.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

import { env } from "./env";
import { until } from "./wait";

export interface Mail {
  mailFrom: string;
  rcptTos: string[];
  subject: string;
  messageId: string;
  text: string;
}

export async function inbox(): Promise<Mail[]> {
  const names = (await readdir(env.mailboxDir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(env.mailboxDir, name), "utf8")) as Mail),
  );
}

/** The first e-mail to `to` that matches, once it has arrived. */
export async function mailTo(to: string, matches: (mail: Mail) => boolean = () => true): Promise<Mail> {
  return until(`an e-mail to ${to}`, async () => {
    const mails = await inbox();
    return mails.find((mail) => mail.rcptTos.includes(to) && matches(mail));
  });
}

/** The first link in an e-mail's text, and the token it carries (`?token=…`, or its last segment). */
export function linkIn(mail: Mail): { url: URL; token: string } {
  const found = mail.text.match(/https?:\/\/\S+/);
  if (!found) {
    throw new Error(`no link in the e-mail "${mail.subject}":\n${mail.text}`);
  }
  const url = new URL(found[0].replace(/[>).,]+$/, ""));
  const token =
    url.searchParams.get("token") ||
    url.hash.replace(/^#(token=)?/, "") ||
    url.pathname.split("/").filter(Boolean).at(-1) ||
    "";
  return { url, token };
}
