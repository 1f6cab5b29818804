// The customer portal as its app meets the API: a customer's contact signs in with its own e-mail
// and password, the header shows it and its customer, a staff-only field is refused (FORBIDDEN),
// the profile page saves what the portal may edit and not the staff's notes; and staff's Portal
// Login opens the portal as the contact with a short token of the contact's own.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CombinedGraphQLErrors } from "@apollo/client";

import {
  ContactCreateDocument,
  ContactLoginDocument,
  ContactPortalLoginDocument,
  CustomerCreateDocument,
  GlobalContactsDocument,
  PortalContactUpdateDocument,
  PortalCustomerNotesDocument,
  PortalDomainOptionsDocument,
  PortalDomainsSaveDocument,
  PortalViewerDocument,
  type UserErrorFieldsFragment,
} from "../generated/graphql";
import { type Client, createClient, signedIn } from "../src/client";
import { env, runId } from "../src/env";

const PORTAL_DOMAIN = "portal.carrier.example";
const PASSWORD = "amber-falcon-42-river";
const STAFF_NOTES = "Pays late; call the finance desk first";

interface PortalContact {
  id: string;
  name: string;
  email: string;
  customerId: string;
  customerName: string;
}

const codes = (errors: UserErrorFieldsFragment[]) => errors.map((error) => [error.field, error.code]);

/** The account serves the portal on PORTAL_DOMAIN (first, so a customer without its own domain
 * gets it); the domains other specs saved stay, since one a customer uses cannot be removed. */
async function servePortalOn(admin: Client): Promise<void> {
  const { data } = await admin.apollo.query({ query: PortalDomainOptionsDocument, fetchPolicy: "network-only" });
  const domains = [PORTAL_DOMAIN, ...data!.portalDomains.filter((domain) => domain !== PORTAL_DOMAIN)];
  const saved = await admin.apollo.mutate({ mutation: PortalDomainsSaveDocument, variables: { domains } });
  assert.deepEqual(saved.data!.accountSettingsUpdate.errors, []);
}

/** A customer with portal access, and a contact of it with a portal password and staff's notes. */
async function customerWithContact(admin: Client, label: string): Promise<PortalContact> {
  await servePortalOn(admin);
  const customerName = `Portal ${label} ${runId}`;
  const customer = await admin.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: { input: { name: customerName, currency: "EUR", portalAccess: true } },
  });
  assert.deepEqual(customer.data!.customerCreate.errors, []);
  const customerId = customer.data!.customerCreate.customer!.id;
  const email = `${label}.${runId}@portal-customer.example`;
  const contact = await admin.apollo.mutate({
    mutation: ContactCreateDocument,
    variables: {
      input: { customerId, name: "Paula Portal", email, password: PASSWORD, privateNotes: STAFF_NOTES },
    },
  });
  assert.deepEqual(contact.data!.contactCreate.errors, []);
  return { id: contact.data!.contactCreate.contact!.id, name: "Paula Portal", email, customerId, customerName };
}

/** The portal's sign-in form: its errors, or a client that sends the contact's token. */
async function contactLogIn(
  email: string,
  password: string,
): Promise<{ client: Client; errors: UserErrorFieldsFragment[] }> {
  const client = createClient();
  const { data } = await client.apollo.mutate({
    mutation: ContactLoginDocument,
    variables: { input: { email, password } },
  });
  const payload = data!.contactLogin;
  client.tokens.accessToken = payload.accessToken;
  client.tokens.refreshToken = payload.refreshToken;
  return { client, errors: payload.errors };
}

async function inThePortal(contact: PortalContact): Promise<Client> {
  const { client, errors } = await contactLogIn(contact.email, PASSWORD);
  assert.deepEqual(errors, []);
  return client;
}

/** The contact as staff see it on Global > Contacts. */
async function asStaffSeeIt(admin: Client, contact: PortalContact) {
  const { data } = await admin.apollo.query({
    query: GlobalContactsDocument,
    variables: { search: contact.email, first: 2 },
    fetchPolicy: "network-only",
  });
  assert.equal(data!.contacts.totalCount, 1);
  return data!.contacts.edges[0]!.node;
}

test("a contact signs in to its portal: the header shows the contact and its customer", async () => {
  const admin = await signedIn(env.admin);
  const paula = await customerWithContact(admin, "login");

  const wrong = await contactLogIn(paula.email, "not-the-password");
  const { client, errors } = await contactLogIn(paula.email.toUpperCase(), PASSWORD);
  const { data } = await client.apollo.query({ query: PortalViewerDocument });

  assert.deepEqual(codes(wrong.errors), [[null, "INVALID_CREDENTIALS"]]);
  assert.equal(wrong.client.tokens.accessToken, null);
  assert.deepEqual(errors, []);
  assert.ok(client.tokens.accessToken && client.tokens.refreshToken, "a session that can be refreshed");
  assert.deepEqual(data!.viewer, {
    __typename: "Viewer",
    kind: "CONTACT",
    label: "Paula Portal",
    impersonated: false,
    contact: { __typename: "Contact", id: paula.id, name: "Paula Portal", email: paula.email },
    customer: { __typename: "Customer", id: paula.customerId, name: paula.customerName },
  });
});

test("a staff-only field asked for in the portal is a FORBIDDEN error, and the customer is null", async () => {
  const admin = await signedIn(env.admin);
  const paula = await customerWithContact(admin, "notes");
  const portal = await inThePortal(paula);

  // The page shows what it got and says what it did not: errorPolicy "all" keeps both.
  const { data, error } = await portal.apollo.query({
    query: PortalCustomerNotesDocument,
    variables: { id: paula.customerId },
    errorPolicy: "all",
    fetchPolicy: "network-only",
  });

  assert.ok(CombinedGraphQLErrors.is(error), String(error));
  assert.deepEqual(
    error.errors.map((e) => [e.extensions?.["code"], e.path]),
    [["FORBIDDEN", ["customer", "notes"]]],
  );
  assert.deepEqual(data, { customer: null }, "notes is String!, so the null reaches the customer");
  // With the default errorPolicy the same request rejects with the same error.
  await assert.rejects(
    portal.apollo.query({
      query: PortalCustomerNotesDocument,
      variables: { id: paula.customerId },
      fetchPolicy: "network-only",
    }),
    (rejection: CombinedGraphQLErrors) => {
      assert.deepEqual(
        rejection.errors.map((e) => e.extensions?.["code"]),
        ["FORBIDDEN"],
      );
      return true;
    },
  );
});

test("in the portal a contact edits its public notes; its private notes are staff's", async () => {
  const admin = await signedIn(env.admin);
  const paula = await customerWithContact(admin, "profile");
  const portal = await inThePortal(paula);

  const saved = await portal.apollo.mutate({
    mutation: PortalContactUpdateDocument,
    variables: { input: { id: paula.id, publicNotes: "Best reached after 2 pm" } },
  });
  const refused = await portal.apollo.mutate({
    mutation: PortalContactUpdateDocument,
    variables: { input: { id: paula.id, privateNotes: "Always pays on time" } },
  });

  assert.deepEqual(saved.data!.contactUpdate, {
    __typename: "ContactUpdatePayload",
    contact: {
      __typename: "Contact",
      id: paula.id,
      name: "Paula Portal",
      email: paula.email,
      phone: null,
      publicNotes: "Best reached after 2 pm",
    },
    errors: [],
  });
  assert.equal(refused.data!.contactUpdate.contact, null);
  assert.deepEqual(codes(refused.data!.contactUpdate.errors), [[["input", "privateNotes"], "FORBIDDEN"]]);
  const staffView = await asStaffSeeIt(admin, paula);
  assert.deepEqual(
    [staffView.publicNotes, staffView.privateNotes],
    ["Best reached after 2 pm", STAFF_NOTES],
    "the refused edit changed nothing",
  );
});

test("staff's Portal Login: a short token, the portal's URL, and a session that acts as the contact", async () => {
  const admin = await signedIn(env.admin);
  const paula = await customerWithContact(admin, "impersonated");

  const noReason = await admin.apollo.mutate({
    mutation: ContactPortalLoginDocument,
    variables: { input: { contactId: paula.id, reason: "  " } },
  });
  const { data } = await admin.apollo.mutate({
    mutation: ContactPortalLoginDocument,
    variables: { input: { contactId: paula.id, reason: "Ticket 4711: cannot find the invoices" } },
  });

  assert.deepEqual(
    [noReason.data!.contactPortalLogin.accessToken, codes(noReason.data!.contactPortalLogin.errors)],
    [null, [[["input", "reason"], "REQUIRED"]]],
  );
  const login = data!.contactPortalLogin;
  assert.deepEqual(login.errors, []);
  assert.ok(login.accessToken);
  assert.equal(login.portalUrl, `https://${PORTAL_DOMAIN}/#accessToken=${login.accessToken}`);
  const minutesLeft = (Date.parse(login.expiresAt!) - Date.now()) / 60_000;
  assert.ok(minutesLeft > 14 && minutesLeft <= 15, `expires in ${minutesLeft} minutes`);

  // The portal app takes the token from the URL's fragment; there is no refresh token.
  const token = new URL(login.portalUrl!).hash.replace(/^#accessToken=/, "");
  const portal = createClient({ accessToken: token, refreshToken: null });
  const viewer = await portal.apollo.query({ query: PortalViewerDocument });
  assert.deepEqual(viewer.data!.viewer, {
    __typename: "Viewer",
    kind: "CONTACT",
    label: "Paula Portal",
    impersonated: true,
    contact: { __typename: "Contact", id: paula.id, name: "Paula Portal", email: paula.email },
    customer: { __typename: "Customer", id: paula.customerId, name: paula.customerName },
  });
  const edited = await portal.apollo.mutate({
    mutation: PortalContactUpdateDocument,
    variables: { input: { id: paula.id, phone: "+44 20 7183 8750" } },
  });
  assert.deepEqual(edited.data!.contactUpdate.errors, []);
  assert.equal((await asStaffSeeIt(admin, paula)).phone, "+442071838750");
});
