import type { ZdTicketField, ZdUserField } from "./zendesk-types.ts";

/**
 * Zendesk field types whose values Rapport keeps (as case data for tickets, as facts for
 * users). System ticket fields (subject, status, …) describe columns the tickets writer maps
 * itself; their definitions are kept too, harmlessly. A `lookup` field holds an id of another
 * Zendesk object Rapport does not import, so its values would mean nothing: not imported.
 */
const KEPT_TYPES = new Set([
  "text",
  "textarea",
  "checkbox",
  "date",
  "integer",
  "decimal",
  "regexp",
  "tagger",
  "dropdown",
  "multiselect",
  "partialcreditcard",
  "subject",
  "description",
  "status",
  "custom_status",
  "tickettype",
  "priority",
  "basic_priority",
  "group",
  "assignee",
]);

export type FieldKind = "ticket_field" | "user_field" | "organization_field";

export interface FieldDef {
  externalId: string;
  key: string | null;
  title: string;
  type: string;
  active: boolean;
  options: Array<{ name: string; value: string }>;
}

export function mapField(f: ZdTicketField | ZdUserField): FieldDef | { skip: string } {
  if (typeof f.type !== "string" || !f.type) return { skip: "field without a type" };
  if (typeof f.title !== "string" || !f.title.trim()) return { skip: "field without a title" };
  if (!KEPT_TYPES.has(f.type)) return { skip: `field type "${f.type}" is not imported` };
  const key = "key" in f && typeof f.key === "string" && f.key ? f.key : null;
  const options = Array.isArray(f.custom_field_options)
    ? f.custom_field_options.map((o) => ({ name: String(o.name), value: String(o.value) }))
    : [];
  return { externalId: String(f.id), key, title: f.title, type: f.type, active: f.active !== false, options };
}
