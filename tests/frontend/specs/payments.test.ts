// The customer card's Payments section: staff set the account's USD->JPY rate, record a top-up in
// USD for a JPY customer (converted at that rate, rounded half to even), see a payment below the
// minimum refused, complete the top-up (the balance rises once; a second completion is refused),
// cancel another, and find them in the account's payments list.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CustomerCreateDocument,
  CustomerPaymentsDocument,
  ExchangeRateSetDocument,
  ExchangeRatesDocument,
  PaymentCancelDocument,
  PaymentCompleteDocument,
  PaymentCreateDocument,
  PaymentsDocument,
  type UserErrorFieldsFragment,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";

const codes = (errors: UserErrorFieldsFragment[]) => errors.map((error) => [error.field, error.code]);

test("a top-up in another currency is converted, completed once, and listed", async () => {
  const client = await signedIn(env.admin);
  const rate = await client.apollo.mutate({
    mutation: ExchangeRateSetDocument,
    variables: { input: { from: "USD", to: "JPY", rate: "151.25", reason: "Suite" } },
  });
  assert.deepEqual(rate.data!.exchangeRateSet.errors, []);
  const rates = await client.apollo.query({ query: ExchangeRatesDocument, fetchPolicy: "network-only" });
  const usdJpy = rates.data!.exchangeRates.find((r) => r.fromCurrency === "USD" && r.toCurrency === "JPY");
  assert.equal(usdJpy?.rate, "151.25");

  const created = await client.apollo.mutate({
    mutation: CustomerCreateDocument,
    variables: {
      input: { name: `Yen payer ${runId}`, currency: "JPY", minimumPayment: "1000", topupCurrencies: ["USD"] },
    },
  });
  const customerId = created.data!.customerCreate.customer!.id;

  const low = await client.apollo.mutate({
    mutation: PaymentCreateDocument,
    variables: { input: { customerId, amount: "5.00", currency: "USD", method: "CARD" } },
  });
  assert.deepEqual(codes(low.data!.paymentCreate.errors), [[["input", "amount"], "BELOW_MINIMUM_PAYMENT"]]);

  const topUp = await client.apollo.mutate({
    mutation: PaymentCreateDocument,
    variables: {
      input: { customerId, amount: "10.50", currency: "USD", method: "BANK_TRANSFER", externalId: `W-${runId}` },
    },
  });
  assert.deepEqual(topUp.data!.paymentCreate.errors, []);
  const payment = topUp.data!.paymentCreate.payment!;
  assert.deepEqual(
    [payment.status, payment.convertedAmount, payment.customerCurrency, payment.rate],
    ["PENDING", "1588", "JPY", "151.25"],
  );

  const done = await client.apollo.mutate({ mutation: PaymentCompleteDocument, variables: { input: { id: payment.id } } });
  assert.deepEqual(done.data!.paymentComplete.errors, []);
  assert.equal(done.data!.paymentComplete.payment!.customer!.balance, "1588");
  const again = await client.apollo.mutate({
    mutation: PaymentCompleteDocument,
    variables: { input: { id: payment.id } },
  });
  assert.deepEqual(codes(again.data!.paymentComplete.errors), [[["input", "id"], "PAYMENT_NOT_PENDING"]]);

  const other = await client.apollo.mutate({
    mutation: PaymentCreateDocument,
    variables: { input: { customerId, amount: "2000", currency: "JPY", method: "MANUAL" } },
  });
  const cancelled = await client.apollo.mutate({
    mutation: PaymentCancelDocument,
    variables: { input: { id: other.data!.paymentCreate.payment!.id, reason: "Bounced" } },
  });
  assert.equal(cancelled.data!.paymentCancel.payment!.status, "CANCELLED");

  const card = await client.apollo.query({
    query: CustomerPaymentsDocument,
    variables: { id: customerId, first: 10 },
    fetchPolicy: "network-only",
  });
  assert.equal(card.data!.customer!.balance, "1588");
  assert.deepEqual(
    card.data!.customer!.payments.edges.map((edge) => [edge.node.amount, edge.node.status]),
    [
      ["2000", "CANCELLED"],
      ["10.50", "COMPLETED"],
    ],
  );

  const listed = await client.apollo.query({
    query: PaymentsDocument,
    variables: { where: { customerId: { eq: customerId }, status: { eq: "COMPLETED" } }, first: 5 },
    fetchPolicy: "network-only",
  });
  assert.deepEqual(
    listed.data!.payments.edges.map((edge) => [edge.node.externalId, edge.node.customer?.id]),
    [[`W-${runId}`, customerId]],
  );
});
