import type {
  ZdGroup,
  ZdHcArticle,
  ZdHcCategory,
  ZdHcSection,
  ZdHcTranslation,
  ZdMacro,
  ZdOrganization,
  ZdOrganizationField,
  ZdTicketField,
  ZdUserField,
} from "../../src/modules/imports/zendesk/zendesk-types.ts";
import type { Dataset } from "./dataset.ts";
import { DAY, ID, iso, ORGS_FROM, T0 } from "./dataset-ids.ts";
import {
  GROUP_NAMES,
  HOSTILE_HTML,
  LOCALES,
  mix,
  ORG_NAMES,
  pick,
  RTL_NAME,
  SENTENCES,
  TAGS,
} from "./dataset-text.ts";

/**
 * The small lists of the fake account, each record from its index: ticket/user/organization
 * fields (Zendesk's system ticket fields first), organizations, groups, macros, and the Guide's
 * categories, sections and articles (each in en-us and de).
 */

const CUSTOM_TYPES = [
  "text",
  "tagger",
  "checkbox",
  "date",
  "integer",
  "decimal",
  "multiselect",
  "textarea",
  "regexp",
];
const SYSTEM_FIELDS = [
  ["subject", "Subject"],
  ["description", "Description"],
  ["status", "Status"],
  ["tickettype", "Type"],
  ["priority", "Priority"],
  ["group", "Group"],
  ["assignee", "Assignee"],
] as const;
const OPTIONS = [
  { name: "Basic", value: "plan_basic" },
  { name: "Pro", value: "plan_pro" },
  { name: "Enterprise", value: "plan_enterprise" },
];

/** Zendesk lists its system fields first (types subject, status…), then the custom ones. */
export function ticketFields(count: number): ZdTicketField[] {
  const system = SYSTEM_FIELDS.map(([type, title], i) => ({
    id: ID.ticketField + i + 1,
    type,
    title,
    active: true,
  }));
  const custom = Array.from({ length: count }, (_, i) => customTicketField(i));
  return [...system, ...custom];
}

export function customTicketField(i: number): ZdTicketField {
  const type = CUSTOM_TYPES[i % CUSTOM_TYPES.length] as string;
  const field: ZdTicketField = {
    id: ID.ticketField + 100 + i,
    type,
    title: `Custom ${type} ${i + 1}`,
    active: i !== 5,
  };
  if (type === "tagger" || type === "multiselect") field.custom_field_options = OPTIONS;
  return field;
}

export function fieldValue(type: string, seed: number, n: number): unknown {
  const h = mix(seed, n, 20);
  if (h % 6 === 0) return null;
  switch (type) {
    case "checkbox":
      return h % 2 === 0;
    case "date":
      return iso(T0 + (h % 1000) * DAY).slice(0, 10);
    case "integer":
      return h % 500;
    case "decimal":
      return String((h % 100000) / 100);
    case "tagger":
      return OPTIONS[h % 3]?.value;
    case "multiselect":
      return [OPTIONS[h % 3]?.value];
    case "regexp":
      return `AB-${h % 10000}`;
    case "lookup":
      return ID.org + 1;
    default:
      return pick(SENTENCES, seed, n, 21);
  }
}

export function userFields(count: number, odd: boolean): ZdUserField[] {
  const out: ZdUserField[] = Array.from({ length: count }, (_, i) => {
    const type = CUSTOM_TYPES[(i + 1) % CUSTOM_TYPES.length] as string;
    const f: ZdUserField = {
      id: ID.userField + i + 1,
      key: `${type}_${i + 1}`,
      type,
      title: `User ${type}`,
      active: true,
    };
    if (type === "tagger" || type === "multiselect") f.custom_field_options = OPTIONS;
    return f;
  });
  // A lookup relationship field points at another object: there is no Rapport fact for it.
  if (odd)
    out.push({
      id: ID.userField + 99,
      key: "linked_account",
      type: "lookup",
      title: "Linked account",
      active: true,
    });
  return out;
}

export function organizationFields(count: number): ZdOrganizationField[] {
  return Array.from({ length: count }, (_, i) => {
    const type = i % 2 === 0 ? "text" : "date";
    return { id: ID.orgField + i + 1, key: `org_${type}_${i + 1}`, type, title: `Org ${type}`, active: true };
  });
}

export function organization(d: Dataset, k: number): ZdOrganization {
  const ts = iso(ORGS_FROM + (k - 1) * 60);
  const name = `${pick(ORG_NAMES, d.seed, k, 30)} ${k}`;
  const fields: Record<string, unknown> = {};
  for (const f of d.organizationFields()) fields[f.key] = fieldValue(f.type, d.seed, k * 17 + f.id);
  return {
    id: ID.org + k,
    name: d.odd && k === 1 ? `${RTL_NAME} للتجارة` : name,
    domain_names: [`${name.toLowerCase().replace(/\s+/g, "-")}.example`],
    external_id: k % 2 === 0 ? `org-${k}` : null,
    details: null,
    notes: null,
    tags: [pick(TAGS, d.seed, k, 31)],
    organization_fields: fields,
    created_at: ts,
    updated_at: ts,
    deleted_at: d.odd && k === 2 ? ts : null,
  };
}

export function group(d: Dataset, k: number): ZdGroup {
  const ts = iso(ORGS_FROM + k * 3600);
  return {
    id: ID.group + k,
    name: GROUP_NAMES[(k - 1) % GROUP_NAMES.length] + (k > GROUP_NAMES.length ? ` ${k}` : ""),
    description: "",
    deleted: d.odd && k === 3,
    created_at: ts,
    updated_at: ts,
  };
}

export function macro(d: Dataset, k: number): ZdMacro {
  const ts = iso(ORGS_FROM + k * 600);
  const texts = [
    "<p>Hi {{ticket.requester.first_name}},</p><p>Thanks for your patience.</p><p>{{current_user.name}}</p>",
    "<p>Hello {{ticket.requester.name}}, your ticket #{{ticket.id}} is solved.</p>",
    "<p>Please see {{dc.refund_policy}} for details.</p>",
  ];
  const restrictions: ZdMacro["restriction"][] = [
    null,
    { type: "Group", id: ID.group + 1, ids: [ID.group + 1] },
    { type: "User", id: d.userId(1) },
  ];
  const actions: ZdMacro["actions"] =
    k % 4 === 0
      ? [
          { field: "comment_value", value: "Closing this as we have not heard back." },
          { field: "status", value: "solved" },
        ]
      : [
          { field: "comment_value_html", value: texts[(k - 1) % texts.length] },
          { field: "status", value: "pending" },
          { field: "current_tags", value: "macro_used" },
        ];
  return {
    id: ID.macro + k,
    title: `Macro ${k}: ${pick(["Greeting", "Solved", "Refund policy", "Follow up"], d.seed, k, 80)}`,
    description: null,
    active: !(d.odd && k === 2),
    actions,
    restriction: restrictions[(k - 1) % restrictions.length] ?? null,
    created_at: ts,
    updated_at: ts,
  };
}

export function hcCategory(k: number): ZdHcCategory {
  const ts = iso(ORGS_FROM + k * 900);
  return {
    id: ID.hcCategory + k,
    name: `Category ${k}`,
    description: `All about topic ${k}`,
    locale: "en-us",
    source_locale: "en-us",
    position: k,
    created_at: ts,
    updated_at: ts,
  };
}

export function hcSection(d: Dataset, k: number): ZdHcSection {
  const ts = iso(ORGS_FROM + k * 900 + 60);
  return {
    id: ID.hcSection + k,
    category_id: ID.hcCategory + 1 + ((k - 1) % Math.max(1, d.hcCategoryCount)),
    name: `Section ${k}`,
    description: "",
    locale: "en-us",
    source_locale: "en-us",
    position: k,
    created_at: ts,
    updated_at: ts,
  };
}

export function hcArticle(d: Dataset, k: number): ZdHcArticle {
  const ts = iso(ORGS_FROM + k * 900 + 120);
  const hostile = d.odd && k === 1;
  const title = `How to ${pick(["reset a password", "export data", "add a user", "pay an invoice"], d.seed, k, 90)} (${k})`;
  const body = hostile ? HOSTILE_HTML : `<h2>Steps</h2><ol><li>${pick(SENTENCES, d.seed, k, 91)}</li></ol>`;
  const translations: ZdHcTranslation[] = LOCALES.map((locale, n) => ({
    id: ID.hcTranslation + k * 2 + n,
    source_id: ID.hcArticle + k,
    source_type: "Article",
    locale,
    title: locale === "en-us" ? title : `Anleitung ${k}`,
    body: locale === "en-us" ? body : `<p>Schritt für Schritt (${k}).</p>`,
    draft: locale !== "en-us" && k % 3 === 0,
    outdated: false,
    created_at: ts,
    updated_at: ts,
  }));
  return {
    id: ID.hcArticle + k,
    section_id: ID.hcSection + 1 + ((k - 1) % Math.max(1, d.hcSectionCount)),
    title,
    body,
    locale: "en-us",
    source_locale: "en-us",
    author_id: d.userId(1),
    draft: k % 5 === 0,
    promoted: k === 1,
    position: k,
    label_names: ["faq"],
    html_url: `${d.baseUrl}/hc/en-us/articles/${ID.hcArticle + k}`,
    created_at: ts,
    updated_at: ts,
    edited_at: ts,
    translations,
  };
}
