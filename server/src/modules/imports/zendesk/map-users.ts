import { z } from "zod";
import { normalizePhone } from "../../customers/identities.ts";
import type { ZdUser, ZdUserIdentity } from "./zendesk-types.ts";

/** customers.name is 1 to 200 characters (0002): a longer name is reported, not cut. */
const NAME_MAX = 200;
/** identities' values for external ids, like the API's limit (customers/identities.ts). */
const EXTERNAL_MAX = 500;
const emailSchema = z.email();

export interface MappedIdentity {
  kind: "email" | "phone" | "external";
  value: string;
  display: string;
}

export interface MappedCustomer {
  externalId: string;
  name: string;
  organizationId: string | null;
  identities: MappedIdentity[];
  /** Current facts: user fields by key, and notes, details, tags, time zone and locale. */
  facts: Array<{ key: string; value: unknown }>;
}

export interface MappedAgent {
  externalId: string;
  name: string;
  email: string;
  role: "agent" | "admin";
}

export type MappedUser = { customer: MappedCustomer } | { agent: MappedAgent } | { skip: string };

/**
 * One Zendesk user, as Rapport will hold it. End users become customers; identities are
 * normalised the way customers/identities.ts stores them (emails in lower case, phones in E.164
 * with the workspace's region, external ids as given), so an address already known here finds
 * its customer. An unusable identity is left out, not the user. A deleted user (active false:
 * Zendesk scrubs their data) becomes a customer without identities, so the tickets they asked
 * keep a customer and the history stays whole.
 * Agents and admins become staff invitations; without an email they cannot be invited.
 */
export function mapUser(u: ZdUser, identities: ZdUserIdentity[], region: string): MappedUser {
  const externalId = String(u.id);
  const name = typeof u.name === "string" ? u.name.trim() : "";
  if (name.length > NAME_MAX) return { skip: `user name longer than ${NAME_MAX} characters` };
  if (u.role === "agent" || u.role === "admin") {
    const email = typeof u.email === "string" ? u.email.trim().toLowerCase() : "";
    if (!email || !emailSchema.safeParse(email).success)
      return { skip: "agent without a valid email address" };
    return { agent: { externalId, name: name || email, email, role: u.role } };
  }
  if (u.role !== "end-user") return { skip: `unknown user role "${String(u.role)}"` };
  const deleted = u.active === false;
  const found: MappedIdentity[] = [];
  if (!deleted) {
    const addEmail = (raw: unknown) => {
      if (typeof raw !== "string") return;
      const display = raw.trim();
      const value = display.toLowerCase();
      if (emailSchema.safeParse(value).success) found.push({ kind: "email", value, display });
    };
    const addPhone = (raw: unknown) => {
      if (typeof raw !== "string") return;
      const value = normalizePhone(raw.trim(), region);
      if (value) found.push({ kind: "phone", value, display: raw.trim() });
    };
    addEmail(u.email);
    addPhone(u.phone);
    for (const i of identities) {
      if (i.type === "email") addEmail(i.value);
      else if (i.type === "phone_number") addPhone(i.value);
    }
    const ext = typeof u.external_id === "string" ? u.external_id.trim() : "";
    if (ext && ext.length <= EXTERNAL_MAX) found.push({ kind: "external", value: ext, display: ext });
  }
  const seen = new Set<string>();
  const unique = found.filter((i) => !seen.has(`${i.kind}:${i.value}`) && seen.add(`${i.kind}:${i.value}`));
  const facts: MappedCustomer["facts"] = [];
  if (!deleted) {
    for (const [key, value] of Object.entries(u.user_fields ?? {})) {
      if (value !== null && value !== undefined && value !== "") facts.push({ key, value });
    }
    const extra: Array<[string, unknown]> = [
      ["zendesk_notes", u.notes],
      ["zendesk_details", u.details],
      ["zendesk_tags", u.tags?.length ? u.tags : null],
      ["time_zone", u.time_zone],
      ["locale", u.locale],
    ];
    for (const [key, value] of extra) if (value) facts.push({ key, value });
  }
  const fallback = unique.find((i) => i.kind === "email")?.display ?? `Zendesk user ${externalId}`;
  return {
    customer: {
      externalId,
      name: name || fallback,
      organizationId: u.organization_id ? String(u.organization_id) : null,
      identities: unique,
      facts,
    },
  };
}
