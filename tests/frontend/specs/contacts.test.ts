// The customer card's Contacts section and Global > Contacts: add a contact with a generated
// password (it arrives by e-mail, and only there), edit it in place, change its password, delete
// it; a partner sees and adds only its reseller's customers' contacts.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ContactCreateDocument,
  ContactDeleteDocument,
  ContactPasswordResetDocument,
  ContactUpdateDocument,
  CustomerContactsDocument,
  type CustomerContactsQuery,
  type CustomerContactsQueryVariables,
  CustomerCreateDocument,
  CustomerListDocument,
  GlobalContactsDocument,
} from "../generated/graphql";
import { type Client, signedIn } from "../src/client";
import { env, runId } from "../src/env";
import { mailTo } from "../src/mailbox";
import { EMAIL_FROM, useTheSuiteSmtpServer } from "../src/smtp";
import { watch } from "../src/wait";

const STRONG = "amber-falcon-42-river";

async function newCustomer(client: Client, name: string): Promise<string> {
  const { data } = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: `${name} ${runId}`, currency: "EUR" } },
  });
  return data!.customerCreate.customer!.id;
}

function section(client: Client, id: string) {
  return watch<CustomerContactsQuery, CustomerContactsQueryVariables>(client.apollo, {
    query: CustomerContactsDocument,
    variables: { id, first: 10 },
  });
}

test("a contact added with a generated password: the password arrives by e-mail and nowhere else", async () => {
  const client = await signedIn(env.admin);
  await useTheSuiteSmtpServer(client, "Contacts spec");
  const customerId = await newCustomer(client, "Contacts");
  const card = section(client, customerId);
  await card.settles("the empty section", (data) => data.customer?.contacts.totalCount === 0);
  const email = `alice.${runId}@customer.example`;

  const { data } = await client.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: {
      input: {
        customerId,
        name: "Alice Smith",
        email,
        mobile: "+44 7911 123456",
        contactType: "BILLING",
        publicNotes: "Call in the morning",
        passwordMode: "GENERATE",
      },
    },
    refetchQueries: [CustomerContactsDocument],
    awaitRefetchQueries: true,
  });

  assert.deepEqual(data!.contactCreate.errors, []);
  const contact = data!.contactCreate.contact!;
  assert.deepEqual(
    [contact.mobile, contact.contactType, contact.hasLogin, contact.customer?.id],
    ["+447911123456", "BILLING", true, customerId],
  );
  const shown = await card.settles("the new contact", (d) => d.customer?.contacts.totalCount === 1);
  assert.equal(shown.customer?.contacts.edges[0]?.node.id, contact.id);
  card.stop();

  const mail = await mailTo(email, (m) => m.subject.endsWith("portal password"));
  const password = mail.text.match(/^Password: (\S+)\r?$/m)?.[1];
  assert.ok(password && password.length >= 16, mail.text);
  assert.equal(mail.mailFrom, EMAIL_FROM);
  assert.ok(mail.text.includes(`Login:    ${email}`));
  assert.ok(!JSON.stringify(data).includes(password), "the API never answers with the password");
});

test("edit in place, a taken e-mail, a weak and a strong password, then delete", async () => {
  const client = await signedIn(env.admin);
  const customerId = await newCustomer(client, "Contact edits");
  const email = `bob.${runId}@customer.example`;
  const created = await client.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: { input: { customerId, name: "Bob", email, password: STRONG } },
  });
  const bob = created.data!.contactCreate.contact!;
  const card = section(client, customerId);
  await card.settles("Bob on the card", (d) => d.customer?.contacts.edges[0]?.node.id === bob.id);

  // Edit: the normalized Contact updates in place, no refetch.
  let mark = client.traffic.mark();
  const edited = await client.apollo.mutate({
    mutation: ContactUpdateDocument,
    variables: { input: { id: bob.id, privateNotes: "Prefers e-mail", emailVerified: true } },
  });
  assert.deepEqual(edited.data!.contactUpdate.errors, []);
  const shown = await card.settles(
    "the edited contact",
    (d) => d.customer?.contacts.edges[0]?.node.privateNotes === "Prefers e-mail",
  );
  assert.equal(shown.customer?.contacts.edges[0]?.node.emailVerified, true);
  assert.deepEqual(client.traffic.since(mark), ["ContactUpdate"]);

  // The e-mail is the portal login: unique in the account, whatever its case.
  const taken = await client.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: { input: { customerId, name: "Bob again", email: email.toUpperCase() } },
  });
  assert.deepEqual(
    taken.data!.contactCreate.errors.map((error) => [error.field, error.code]),
    [[["input", "email"], "DUPLICATE"]],
  );

  // Change Password: a weak one is refused on its field, a strong one is set.
  const weak = await client.apollo.mutate({
    mutation: ContactPasswordResetDocument,
    variables: { input: { contactId: bob.id, mode: "SET", password: "1234567890" } },
  });
  assert.deepEqual(
    weak.data!.contactPasswordReset.errors.map((error) => [error.field, error.code]),
    [[["input", "password"], "INVALID"]],
  );
  const reset = await client.apollo.mutate({
    mutation: ContactPasswordResetDocument,
    variables: { input: { contactId: bob.id, mode: "SET", password: `${STRONG}-2`, reason: "Asked by phone" } },
  });
  assert.deepEqual(reset.data!.contactPasswordReset.errors, []);
  assert.notEqual(reset.data!.contactPasswordReset.contact!.passwordChangedAt, bob.passwordChangedAt);

  // Delete: the app evicts the contact and the card drops it.
  mark = client.traffic.mark();
  const deleted = await client.apollo.mutate({
    mutation: ContactDeleteDocument,
    variables: { input: { id: bob.id } },
    update(cache, result) {
      const deletedId = result.data?.contactDelete.deletedId;
      if (deletedId) {
        cache.evict({ id: cache.identify({ __typename: "Contact", id: deletedId }) });
        cache.gc();
      }
    },
  });
  assert.equal(deleted.data!.contactDelete.deletedId, bob.id);
  await card.settles("the card without Bob", (d) => d.customer?.contacts.edges.length === 0);
  assert.deepEqual(client.traffic.since(mark), ["ContactDelete"]);
  card.stop();
});

test("Global Contacts: a partner sees and adds only its reseller's customers' contacts", async () => {
  const admin = await signedIn(env.admin);
  const partner = await signedIn(env.partner);
  const staffOnly = await newCustomer(admin, "Staff only");
  await admin.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: { input: { customerId: staffOnly, name: "Carol", email: `carol.${runId}@staff.example` } },
  });
  const own = await partner.apollo.query({ query: CustomerListDocument, variables: { first: 1 } });
  const partnerCustomer = own.data!.customers.edges[0]!.node;

  const added = await partner.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: {
      input: { customerId: partnerCustomer.id, name: "Dave", email: `dave.${runId}@partner.example` },
    },
  });
  const outside = await partner.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: { input: { customerId: staffOnly, name: "Eve", email: `eve.${runId}@partner.example` } },
  });
  const search = { search: runId, sortBy: [{ field: "EMAIL" as const }], first: 10 };
  const partnerView = await partner.apollo.query({ query: GlobalContactsDocument, variables: search });
  const adminView = await admin.apollo.query({ query: GlobalContactsDocument, variables: search });

  assert.deepEqual(added.data!.contactCreate.errors, []);
  assert.deepEqual(
    outside.data!.contactCreate.errors.map((error) => [error.field, error.code]),
    [[["input", "customerId"], "NOT_FOUND"]],
  );
  const names = (view: typeof partnerView) => view.data!.contacts.edges.map((edge) => edge.node.name);
  assert.deepEqual(names(partnerView), ["Dave"]);
  assert.ok(["Carol", "Dave"].every((name) => names(adminView).includes(name)));
  assert.equal(partnerView.data!.contacts.edges[0]!.node.customer?.name, partnerCustomer.name);
});
