import type {
  FeedbackBoardView,
  FeedbackIdeaListItem,
  FeedbackIdeaRef,
  FeedbackPerson,
  FeedbackStatusLabels,
} from "../../../../../contracts/feedback-pages.ts";
import { IDEA_STATUSES, type IdeaStatus } from "../schema-feedback.ts";
import type { BoardRow, IdeaListRow } from "./pages.repo.ts";

/** Row → page-data shapes shared by the feedback portal's public pages. */

export const iso = (d: Date | string) => (typeof d === "string" ? new Date(d) : d).toISOString();
export const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

/** An idea's public address: /feedback/ideas/<number>-<slug>. */
export const ideaHref = (number: string | number, slug: string) =>
  `/feedback/ideas/${number}${slug ? `-${encodeURIComponent(slug)}` : ""}`;
export const boardHref = (slug: string) => `/feedback/${encodeURIComponent(slug)}`;

/** The English names of the fixed statuses; a workspace renames them in feedback_settings. */
export const DEFAULT_STATUS_LABELS: FeedbackStatusLabels = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
  duplicate: "Duplicate",
};

/** The workspace's labels over the defaults; blank or unknown keys are ignored. */
export function statusLabels(overrides: Partial<Record<string, unknown>>): FeedbackStatusLabels {
  const labels = { ...DEFAULT_STATUS_LABELS };
  for (const s of IDEA_STATUSES) {
    const v = overrides[s];
    if (typeof v === "string" && v.trim()) labels[s] = v.trim().slice(0, 40);
  }
  return labels;
}

export const isStatus = (s: string | null): s is IdeaStatus =>
  s !== null && (IDEA_STATUSES as readonly string[]).includes(s);

export function boardView(b: Omit<BoardRow, "updatedAt" | "ideaCount" | "rev"> & { ideaCount?: number }) {
  return {
    id: b.id,
    name: b.name,
    slug: b.slug,
    href: boardHref(b.slug),
    description: b.description,
    visibility: b.visibility,
    ideaCount: Number(b.ideaCount ?? 0),
  } satisfies FeedbackBoardView;
}

export function ideaListItem(r: IdeaListRow, withBoard: boolean): FeedbackIdeaListItem {
  return {
    id: r.id,
    number: String(r.number),
    title: r.title,
    href: ideaHref(r.number, r.slug),
    status: r.status,
    votes: r.votes,
    commentCount: r.commentCount,
    board: withBoard ? { name: r.boardName, href: boardHref(r.boardSlug) } : null,
    createdAt: iso(r.createdAt),
    doneAt: isoOrNull(r.doneAt ?? r.statusChangedAt),
    statusExplanation: r.statusExplanation,
  };
}

export const ideaRef = (r: { id: string; number: string; slug: string; title: string }): FeedbackIdeaRef => ({
  id: r.id,
  number: String(r.number),
  title: r.title,
  href: ideaHref(r.number, r.slug),
});

/**
 * The name a public page shows for a person: staff by their name, marked; a customer by first
 * name and initial ("Alice S."), since their full name is theirs to publish, not ours. A row with
 * a customer is the customer's even when a user id is recorded too (staff acting for them).
 */
export function personOf(customerName: string | null, staffName: string | null): FeedbackPerson | null {
  if (!customerName?.trim()) return staffName ? { name: staffName, isStaff: true } : null;
  const [first, ...rest] = customerName.trim().split(/\s+/);
  const last = rest.at(-1);
  return { name: last ? `${first} ${last.slice(0, 1).toUpperCase()}.` : (first as string), isStaff: false };
}
