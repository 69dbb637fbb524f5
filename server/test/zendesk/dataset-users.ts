import type { ZdUser, ZdUserIdentity } from "../../src/modules/imports/zendesk/zendesk-types.ts";
import type { Dataset } from "./dataset.ts";
import { fieldValue } from "./dataset-catalog.ts";
import { DAY, ID, iso, ODD, USERS_FROM } from "./dataset-ids.ts";
import { FIRST_NAMES, HEBREW_NAME, LAST_NAMES, mix, pick, RTL_NAME, TAGS } from "./dataset-text.ts";

/** Users of the generated account: admins, agents and end users, their sideloaded identities and user field values. */

export function userTs(d: Dataset, k: number): number {
  return USERS_FROM + Math.floor(((k - 1) * 30 * DAY) / d.userCount);
}

export function endUserOrg(d: Dataset, endIdx: number): number | null {
  if (d.orgs === 0 || mix(d.seed, endIdx, 2) % 10 >= 7) return null;
  return ID.org + 1 + (mix(d.seed, endIdx, 3) % d.orgs);
}

export function userFieldValues(d: Dataset, endIdx: number): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of d.userFields()) values[f.key] = fieldValue(f.type, d.seed, endIdx * 31 + f.id);
  return values;
}

export function userRecord(d: Dataset, k: number): ZdUser {
  const role: ZdUser["role"] = k <= d.admins ? "admin" : k <= d.admins + d.agents ? "agent" : "end-user";
  const endIdx = k - d.admins - d.agents;
  const first = pick(FIRST_NAMES, d.seed, k, 10);
  const last = pick(LAST_NAMES, d.seed, k, 11);
  const ts = iso(userTs(d, k));
  const staff = role !== "end-user";
  const user: ZdUser = {
    id: d.userId(k),
    name: `${first} ${last}`,
    email: staff ? `${role}${k}@acme-support.example` : `customer${endIdx}@mail${endIdx % 13}.example.com`,
    phone:
      !staff && endIdx % 4 === 0 ? `+1 415 555 ${String(1000 + (endIdx % 9000)).padStart(4, "0")}` : null,
    role,
    organization_id: staff ? null : endUserOrg(d, endIdx),
    external_id: !staff && endIdx % 3 === 0 ? `crm-${endIdx}` : null,
    tags: staff ? [] : [pick(TAGS, d.seed, k, 12)],
    user_fields: staff ? {} : userFieldValues(d, endIdx),
    notes: !staff && endIdx % 5 === 0 ? "Prefers email over phone." : null,
    details: null,
    time_zone: pick(["Europe/Berlin", "America/New_York", "Asia/Tokyo"], d.seed, k, 13),
    locale: pick(["en-US", "de", "ja"], d.seed, k, 14),
    active: true,
    suspended: false,
    created_at: ts,
    updated_at: ts,
  };
  if (!d.odd || staff) return user;
  if (endIdx === ODD.rtlUser) user.name = `${RTL_NAME} 🌙`;
  if (endIdx === ODD.hebrewUser) user.name = HEBREW_NAME;
  if (endIdx === ODD.softDeletedUser) user.active = false;
  if (endIdx === ODD.permanentlyDeletedUser) {
    // Zendesk's scrubbed shape: personal data gone, the record kept for ticket history.
    Object.assign(user, {
      name: "Permanently Deleted User",
      email: null,
      phone: null,
      external_id: null,
      user_fields: {},
      notes: null,
      tags: [],
      active: false,
    });
  }
  if (endIdx === ODD.phoneOnlyUser) {
    user.email = null;
    user.phone = "(415) 555-0134";
  }
  if (endIdx === ODD.mixedCaseEmailUser) user.email = `Mixed.Case${endIdx}@Example.COM`;
  return user;
}

/** The sideloaded identities of a user (include=identities): email, phone, a second email. */
export function identitiesOf(_d: Dataset, user: ZdUser): ZdUserIdentity[] {
  const out: ZdUserIdentity[] = [];
  const base = ID.identity + (user.id - ID.user) * 4;
  if (user.email) {
    out.push({
      id: base,
      user_id: user.id,
      type: "email",
      value: user.email,
      verified: true,
      primary: true,
    });
  }
  if (user.phone) {
    out.push({
      id: base + 1,
      user_id: user.id,
      type: "phone_number",
      value: user.phone,
      verified: false,
      primary: !user.email,
    });
  }
  if (user.email && user.role === "end-user" && (user.id - ID.user) % 7 === 0) {
    const second = `alt${user.id - ID.user}@other.example.org`;
    out.push({
      id: base + 2,
      user_id: user.id,
      type: "email",
      value: second,
      verified: true,
      primary: false,
    });
  }
  return out;
}
