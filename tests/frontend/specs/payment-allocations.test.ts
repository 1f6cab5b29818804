// Payments settling invoices: a customer with createInvoiceOnPayment gets a PAID receipt invoice
// when its payment completes (the payment is then wholly allocated, so allocating it again is
// refused); another customer's payment settles its ISSUED invoice with paymentAllocate, and a
// pending payment is refused.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CustomerCreateDocument,
  CustomerSettledInvoicesDocument,
  InvoiceIssueDocument,
  InvoicesGenerateDocument,
  PaymentAllocateDocument,
  PaymentAllocationsDocument,
  PaymentCompleteDocument,
  PaymentCreateDocument,
  type UserErrorFieldsFragment,
} from "../generated/graphql";
import { signedIn } from "../src/client";
import { env, runId } from "../src/env";

const codes = (errors: UserErrorFieldsFragment[]) => errors.map((error) => [error.field, error.code]);

test("a completed payment issues a paid receipt; paymentAllocate settles an issued invoice", async () => {
  const client = await signedIn(env.admin);
  const create = async (name: string, createInvoiceOnPayment: boolean) => {
    const created = await client.apollo.mutate({
      mutation: CustomerCreateDocument,
      variables: { input: { name: `${name} ${runId}`, currency: "EUR", createInvoiceOnPayment } },
    });
    return created.data!.customerCreate.customer!.id;
  };
  const pay = async (customerId: string, amount: string, complete: boolean) => {
    const made = await client.apollo.mutate({
      mutation: PaymentCreateDocument,
      variables: { input: { customerId, amount, currency: "EUR", method: "MANUAL" } },
    });
    const id = made.data!.paymentCreate.payment!.id;
    if (complete) {
      const done = await client.apollo.mutate({ mutation: PaymentCompleteDocument, variables: { input: { id } } });
      assert.deepEqual(done.data!.paymentComplete.errors, []);
    }
    return id;
  };

  // a receipt for the prepaid customer's payment
  const prepaid = await create("Receipts", true);
  const paymentId = await pay(prepaid, "30.00", true);
  const receipts = await client.apollo.query({
    query: CustomerSettledInvoicesDocument,
    variables: { where: { customerId: { eq: prepaid } } },
    fetchPolicy: "network-only",
  });
  const [receipt] = receipts.data!.invoices.edges.map((edge) => edge.node);
  assert.deepEqual(
    [receipt!.status, receipt!.period, receipt!.total, receipt!.amountPaid, receipt!.receiptFor],
    ["PAID", "RECEIPT", "30.00", "30.00", paymentId],
  );
  assert.deepEqual(
    receipt!.allocations.map((a) => [a.amount, a.currency, a.paymentId]),
    [["30.00", "EUR", paymentId]],
  );
  const spent = await client.apollo.mutate({ mutation: PaymentAllocateDocument, variables: { input: { paymentId } } });
  assert.deepEqual(codes(spent.data!.paymentAllocate.errors), [[["input", "paymentId"], "NOTHING_TO_ALLOCATE"]]);

  // paymentAllocate for a customer billed by period
  const billed = await create("Allocating", false);
  const generated = await client.apollo.mutate({
    mutation: InvoicesGenerateDocument,
    variables: { input: { customerId: billed, periods: [{ period: "DAILY", start: "2026-01-05T00:00:00Z" }] } },
  });
  const invoiceId = generated.data!.invoicesGenerate.invoices[0]!.id;
  const pending = await pay(billed, "12.00", false);
  const early = await client.apollo.mutate({
    mutation: PaymentAllocateDocument,
    variables: { input: { paymentId: pending, invoiceIds: [invoiceId] } },
  });
  assert.deepEqual(codes(early.data!.paymentAllocate.errors), [[["input", "paymentId"], "PAYMENT_NOT_COMPLETED"]]);
  const payment = await pay(billed, "12.00", true);
  const draft = await client.apollo.mutate({
    mutation: PaymentAllocateDocument,
    variables: { input: { paymentId: payment, invoiceIds: [invoiceId] } },
  });
  assert.deepEqual(codes(draft.data!.paymentAllocate.errors), [[["input", "invoiceIds", "0"], "INVALID_STATUS"]]);

  await client.apollo.mutate({ mutation: InvoiceIssueDocument, variables: { input: { id: invoiceId } } });
  const settled = await client.apollo.mutate({
    mutation: PaymentAllocateDocument,
    variables: { input: { paymentId: payment, invoiceIds: [invoiceId], reason: "Suite" } },
  });
  assert.deepEqual(settled.data!.paymentAllocate.errors, []);
  // the day had no calls: a zero invoice, covered without taking anything from the payment
  assert.deepEqual(
    settled.data!.paymentAllocate.invoices.map((i) => [i.id, i.status, i.total, i.amountPaid]),
    [[invoiceId, "PAID", "0.00", "0.00"]],
  );
  assert.deepEqual(settled.data!.paymentAllocate.allocations, []);
  assert.equal(settled.data!.paymentAllocate.payment!.unallocatedAmount, "12.00");

  const listed = await client.apollo.query({
    query: PaymentAllocationsDocument,
    variables: { where: { customerId: { eq: prepaid } } },
    fetchPolicy: "network-only",
  });
  assert.deepEqual(
    listed.data!.payments.edges.map((edge) => [edge.node.convertedAmount, edge.node.unallocatedAmount, edge.node.allocations.length]),
    [["30.00", "0.00", 1]],
  );
});
