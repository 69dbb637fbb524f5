import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * Placeholders such as `{{customer.first_name}}` or `{{fact.address}}`, filled from what Rapport
 * already knows about the case and its customer. One filler for snippets (issue #18) and for
 * action defaults ("ship to the address on file"), so both read the same names.
 *
 * A placeholder with no value is never filled with an empty gap: `fill` reports it as missing,
 * and the caller decides (a snippet leaves the placeholder visible for the agent to complete,
 * an action leaves the field empty for the agent to type).
 */
export type PlaceholderValues = Record<string, string>;
export type Filled = { text: string; missing: string[] };

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)?)\s*\}\}/gi;

/** The placeholder names a template uses, lower-cased, each once. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => (m[1] as string).toLowerCase()))];
}

export function fill(template: string, values: PlaceholderValues): Filled {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name.toLowerCase()];
    if (value === undefined || value.trim() === "") {
      missing.add(name.toLowerCase());
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}

function factText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // Structured facts (an address object): its parts on one line each, in their stored order.
  if (typeof value === "object")
    return Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && String(v).trim() !== "")
      .join("\n");
  return undefined;
}

/**
 * Everything a template may name for this case: `customer.name|first_name|email|phone|organization`,
 * `case.number|subject`, `agent.name|first_name` (the agent filling it, when given) and
 * `fact.<key>` for each current fact of the customer.
 */
export async function placeholderValues(
  scope: TenantScope,
  caseId: string,
  agent?: { name: string },
): Promise<PlaceholderValues> {
  const c = await scope
    .selectFrom("cases")
    .innerJoin("customers", "customers.id", "cases.customer_id")
    .select([
      "cases.number",
      "cases.subject",
      "customers.id as customerId",
      "customers.name",
      "customers.organization",
    ])
    .where("cases.id", "=", caseId)
    .executeTakeFirst();
  if (!c) return {};
  const [identities, facts] = await Promise.all([
    scope
      .selectFrom("customer_identities")
      .select(["kind", "display"])
      .where("customer_id", "=", c.customerId)
      .where("undeliverable", "is", null)
      .orderBy("created_at")
      .execute(),
    scope
      .selectFrom("facts")
      .select(["key", "value"])
      .where("customer_id", "=", c.customerId)
      .where("superseded_at", "is", null)
      .execute(),
  ]);
  const values: PlaceholderValues = {
    "customer.name": c.name,
    "customer.first_name": c.name.trim().split(/\s+/)[0] ?? "",
    "case.number": String(c.number),
    "case.subject": c.subject,
  };
  if (c.organization) values["customer.organization"] = c.organization;
  const email = identities.find((i) => i.kind === "email");
  const phone = identities.find((i) => i.kind === "phone");
  if (email) values["customer.email"] = email.display;
  if (phone) values["customer.phone"] = phone.display;
  if (agent) {
    values["agent.name"] = agent.name;
    values["agent.first_name"] = agent.name.trim().split(/\s+/)[0] ?? "";
  }
  for (const f of facts) {
    const text = factText(f.value);
    if (text !== undefined) values[`fact.${f.key.toLowerCase()}`] = text;
  }
  return values;
}
