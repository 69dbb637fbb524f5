import {
  type LifecycleEventKind,
  type LifecycleImportResult,
  type LifecycleInput,
  lifecycleEventKindSchema,
  lifecycleInputSchema,
  lifecycleValueSchema,
} from "../../../../contracts/lifecycle.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { CsvSyntaxError, parseCsv } from "./csv.ts";
import {
  customerRefKey,
  insertLifecycle,
  listLifecycle,
  presentLifecycle,
  resolveCustomerRefs,
} from "./lifecycle.repo.ts";

type Ctx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss">>;
export const MAX_IMPORT_ROWS = 10_000;

type Parsed = {
  customerId: string;
  event: LifecycleEventKind;
  at: Date;
  value: number | null;
  externalId: string | null;
};

/**
 * Records one event inside the caller's transaction: the row, the customer's timeline and,
 * for a churn, the `customer.churned` webhook. A repeated external id writes nothing at all.
 */
export async function recordLifecycleInTx(
  scope: TenantScope,
  boss: AppContext["boss"] | undefined,
  e: Parsed & { customerName: string },
  doer: Doer | null,
) {
  const { row, created } = await insertLifecycle(scope, e);
  const event = presentLifecycle(row);
  if (!created) return { event, created };
  await appendEvent(scope, {
    customerId: e.customerId,
    kind: "customer.lifecycle",
    data: { event: event.event, at: event.at, value: event.value },
    doer,
  });
  if (event.event === "churned")
    await emitWebhookEvent(scope, boss, "customer.churned", {
      customer: { id: e.customerId, name: e.customerName },
      at: event.at,
      value: event.value,
      externalId: event.externalId,
    });
  return { event, created };
}

/** POST JSON: the body is validated here because the same path also takes CSV. */
export async function recordLifecycle(ctx: Ctx, actor: Actor, customerId: string, body: unknown) {
  const input = parseJsonInput(body);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const customer = await findCustomer(scope, customerId);
    if (!customer) throw new AppError("customer_not_found", "Customer was not found");
    return recordLifecycleInTx(
      scope,
      ctx.boss,
      {
        customerId,
        customerName: customer.name,
        event: input.event,
        at: new Date(input.at),
        value: input.value ?? null,
        externalId: input.externalId ?? null,
      },
      doerOf(actor),
    );
  });
}

function parseJsonInput(body: unknown): LifecycleInput {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AppError("validation_failed", "Send a JSON object, or a CSV file as text/csv", "body");
  const parsed = lifecycleInputSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unknownKey = issue && "keys" in issue ? (issue.keys as string[])[0] : undefined;
  const field = unknownKey ?? (issue?.path.join(".") || "body");
  const message = unknownKey ? `Unknown field "${field}"` : `${field}: ${issue?.message ?? "is invalid"}`;
  throw new AppError("validation_failed", message, field);
}

export async function lifecycleOf(ctx: Ctx, actor: Actor, customerId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findCustomer(scope, customerId)))
    throw new AppError("customer_not_found", "Customer was not found");
  return { items: await listLifecycle(scope, customerId) };
}

/** Thrown when a file has invalid rows and skipping was not asked for: nothing was applied. */
export class ImportRejected extends Error {
  readonly result: LifecycleImportResult;
  constructor(result: LifecycleImportResult) {
    super(`${result.errors.length} invalid rows; nothing was imported`);
    this.result = result;
  }
}

const HEADERS = ["customer", "event", "at", "value", "external_id"] as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Bulk CSV: header `customer,event,at,value,external_id` (value and external_id optional).
 * Every row is checked first; with any invalid row nothing is applied unless skipInvalid,
 * and every error names its line. The whole file lands in one transaction.
 * `defaultCustomerId` (the path's customer) fills an empty customer column.
 */
export async function importLifecycleCsv(
  ctx: Ctx,
  actor: Actor,
  defaultCustomerId: string | null,
  text: string,
  skipInvalid: boolean,
): Promise<LifecycleImportResult> {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new AppError("validation_failed", `line ${err.line}: ${err.message}`, "csv");
    throw err;
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError("validation_failed", "The file is empty", "csv");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  for (const required of ["customer", "event", "at"])
    if (!names.includes(required))
      throw new AppError("validation_failed", `line 1: the header has no "${required}" column`, "csv");
  const unknown = names.find((n) => !(HEADERS as readonly string[]).includes(n));
  if (unknown) throw new AppError("validation_failed", `line 1: unknown column "${unknown}"`, "csv");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError("validation_failed", `At most ${MAX_IMPORT_ROWS} rows per file`, "csv");
  const col = (r: string[], name: string) => (r[names.indexOf(name)] ?? "").trim();

  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const pathCustomer = defaultCustomerId ? await findCustomer(scope, defaultCustomerId) : null;
    if (defaultCustomerId && !pathCustomer)
      throw new AppError("customer_not_found", "Customer was not found");
    const refs = await resolveCustomerRefs(
      scope,
      rows.map((r) => col(r.fields, "customer")).filter((c) => c !== ""),
    );
    const errors: LifecycleImportResult["errors"] = [];
    const valid: Array<Parsed & { line: number }> = [];
    const seenIds = new Set<string>();
    for (const { line, fields } of rows) {
      const fail = (field: string, message: string) => errors.push({ line, field, message });
      if (fields.length > names.length) {
        fail("csv", `has ${fields.length} fields; the header has ${names.length}`);
        continue;
      }
      const ref = col(fields, "customer");
      const customerId = ref === "" ? (pathCustomer?.id ?? null) : (refs.get(customerRefKey(ref)) ?? null);
      if (!customerId) {
        fail(
          "customer",
          ref === "" ? "is required" : `no customer has the id, email or account "${ref.slice(0, 100)}"`,
        );
        continue;
      }
      const event = lifecycleEventKindSchema.safeParse(col(fields, "event"));
      if (!event.success) {
        fail("event", "must be subscribed, renewed, upgraded, downgraded or churned");
        continue;
      }
      const atText = col(fields, "at");
      const at = DATE_ONLY.test(atText)
        ? new Date(`${atText}T00:00:00Z`)
        : DATE_TIME.test(atText)
          ? new Date(atText)
          : null;
      if (!at || Number.isNaN(at.getTime())) {
        fail("at", "must be a date (YYYY-MM-DD) or a date and time with a zone (ISO 8601)");
        continue;
      }
      const valueText = col(fields, "value");
      let value: number | null = null;
      if (valueText !== "") {
        const n = /^\d+(\.\d+)?$/.test(valueText) ? Number(valueText) : Number.NaN;
        const checked = lifecycleValueSchema.safeParse(n);
        if (!checked.success) {
          fail("value", "must be a number like 49.90, not negative, at most 2 decimals");
          continue;
        }
        value = n;
      }
      const externalId = col(fields, "external_id") || null;
      if (externalId && externalId.length > 200) {
        fail("external_id", "must be at most 200 characters");
        continue;
      }
      if (externalId && seenIds.has(externalId)) {
        fail("external_id", `"${externalId.slice(0, 100)}" appears twice in the file`);
        continue;
      }
      if (externalId) seenIds.add(externalId);
      valid.push({ line, customerId, event: event.data, at, value, externalId });
    }
    const result: LifecycleImportResult = { rows: rows.length, created: 0, unchanged: 0, skipped: 0, errors };
    if (errors.length > 0 && !skipInvalid) throw new ImportRejected(result);
    result.skipped = errors.length;
    const customerNames = new Map<string, string>();
    for (const row of valid) {
      let name = customerNames.get(row.customerId);
      if (name === undefined) {
        name = (await findCustomer(scope, row.customerId))?.name ?? "";
        customerNames.set(row.customerId, name);
      }
      const { created } = await recordLifecycleInTx(
        scope,
        ctx.boss,
        { ...row, customerName: name },
        doerOf(actor),
      );
      if (created) result.created++;
      else result.unchanged++;
    }
    return result;
  });
}
