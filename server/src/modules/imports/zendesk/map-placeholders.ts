/**
 * Zendesk macro placeholders → Rapport snippet placeholders (issue #24).
 *
 * Rapport fills `{{customer.*}}`, `{{case.*}}`, `{{agent.*}}` and `{{fact.<key>}}` from the
 * case at hand (agents/placeholders.ts). A Zendesk placeholder with the same meaning is
 * rewritten to Rapport's name; any other (`{{ticket.url}}`, `{{dc.*}}` dynamic content, Liquid
 * filters and `{% %}` tags, custom fields) is left exactly as written, so an agent filling the
 * snippet sees the gap (Rapport leaves unknown placeholders visible and lists them as missing),
 * and is named in the run's report.
 */
export const PLACEHOLDER_MAP: Readonly<Record<string, string>> = {
  "ticket.requester.name": "customer.name",
  "ticket.requester.first_name": "customer.first_name",
  "ticket.requester.email": "customer.email",
  "ticket.requester.phone": "customer.phone",
  "ticket.organization.name": "customer.organization",
  "ticket.requester.organization.name": "customer.organization",
  "current_user.name": "agent.name",
  "current_user.first_name": "agent.first_name",
  // Zendesk's ticket id is the number customers quote; a case's number is Rapport's.
  "ticket.id": "case.number",
  "ticket.title": "case.subject",
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const LIQUID_TAG = /\{%-?\s*([^%]*?)\s*-?%\}/g;

export type Mapped = { text: string; unmapped: string[] };

export function mapPlaceholders(text: string): Mapped {
  const unmapped = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const rapport = PLACEHOLDER_MAP[inner.toLowerCase()];
    if (rapport) return `{{${rapport}}}`;
    unmapped.add(`{{${inner}}}`);
    return whole;
  });
  for (const m of out.matchAll(LIQUID_TAG)) unmapped.add(`{% ${m[1]} %}`);
  return { text: out, unmapped: [...unmapped] };
}
