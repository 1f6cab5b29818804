// The customer form as a browser hands it over: every control's value is a string (or a list of
// checked boxes). The app turns it into the mutation's typed input; blanks mean "not set".
import type {
  CustomerCreateInput,
  CustomerFormFragment,
  CustomerStatus,
  CustomerUpdateInput,
  InvoiceSchedule,
} from "../generated/graphql";

export interface CustomerFormValues {
  name: string;
  status: string;
  currency: string;
  channels: string;
  flowSpeed: string;
  debitLimit: string;
  minimumPayment: string;
  taxPercent: string;
  tags: string; // comma-separated, as typed in the tag box
  notes: string;
  website: string;
  invoiceSchedule: string;
  invoiceDueDays: string;
  dailySpendLimit: string;
  externalAccountingId: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  country: string;
  timezone: string;
  portalAccess: boolean;
}

const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());
const integer = (value: string): number | null => (value.trim() === "" ? null : Number.parseInt(value, 10));
const tagList = (value: string): string[] =>
  value
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");

export function toCreateInput(values: CustomerFormValues): CustomerCreateInput {
  return {
    name: values.name.trim(),
    status: (blankToNull(values.status) as CustomerStatus | null) ?? null,
    currency: values.currency.trim().toUpperCase(),
    channels: integer(values.channels),
    flowSpeed: integer(values.flowSpeed),
    debitLimit: blankToNull(values.debitLimit),
    minimumPayment: blankToNull(values.minimumPayment),
    taxPercent: blankToNull(values.taxPercent),
    tags: tagList(values.tags),
    notes: values.notes,
    website: blankToNull(values.website),
    invoiceSchedule: (blankToNull(values.invoiceSchedule) as InvoiceSchedule | null) ?? null,
    invoiceDueDays: integer(values.invoiceDueDays),
    dailySpendLimit: blankToNull(values.dailySpendLimit),
    externalAccountingId: blankToNull(values.externalAccountingId),
    addressLine1: blankToNull(values.addressLine1),
    city: blankToNull(values.city),
    postalCode: blankToNull(values.postalCode),
    country: blankToNull(values.country),
    timezone: blankToNull(values.timezone),
    portalAccess: values.portalAccess,
  };
}

/** Only the fields the user changed: an update sends a partial patch. */
export function toUpdateInput(
  id: string,
  before: CustomerFormValues,
  after: CustomerFormValues,
  reason?: string,
): CustomerUpdateInput {
  const full = toCreateInput(after);
  const patch: CustomerUpdateInput = { id, ...(reason ? { reason } : {}) };
  for (const key of Object.keys(after) as (keyof CustomerFormValues)[]) {
    if (before[key] !== after[key]) {
      Object.assign(patch, { [key]: full[key as keyof CustomerCreateInput] });
    }
  }
  return patch;
}

/** The form filled from a customer the cache holds (the edit screen). */
export function fromCustomer(customer: CustomerFormFragment): CustomerFormValues {
  return {
    name: customer.name,
    status: customer.status,
    currency: customer.currency,
    channels: String(customer.channels),
    flowSpeed: String(customer.flowSpeed),
    debitLimit: customer.debitLimit,
    minimumPayment: customer.minimumPayment,
    taxPercent: customer.taxPercent,
    tags: customer.tags.join(", "),
    notes: customer.notes,
    website: customer.website ?? "",
    invoiceSchedule: customer.invoiceSchedule,
    invoiceDueDays: String(customer.invoiceDueDays),
    dailySpendLimit: customer.dailySpendLimit ?? "",
    externalAccountingId: customer.externalAccountingId ?? "",
    addressLine1: customer.addressLine1 ?? "",
    city: customer.city ?? "",
    postalCode: customer.postalCode ?? "",
    country: customer.country ?? "",
    timezone: customer.timezone,
    portalAccess: customer.portalAccess,
  };
}

/** Payload errors by form field: ["input", "currency"] is the currency control's message. */
export function errorsByField(errors: { field?: string[] | null; code: string }[]): Record<string, string> {
  return Object.fromEntries(
    errors.map((error) => [(error.field ?? []).slice(1).join(".") || "(form)", error.code]),
  );
}
