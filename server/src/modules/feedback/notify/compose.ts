import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { IdeaStatus } from "../schema-feedback.ts";

/**
 * The words of feedback emails and case replies. Everything a person typed (titles, names,
 * explanations, comments) is treated as hostile: titles and names become one line without
 * control characters (a title with CR/LF must not start a new header or a fake paragraph),
 * and long texts are indented under their heading so they cannot pass for our own lines.
 */
const DEFAULT_LABELS: Record<IdeaStatus, string> = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
  duplicate: "Duplicate",
};

export type Labels = Record<IdeaStatus, string>;

/** The workspace's names for the statuses (Settings → Feedback), over the defaults. */
export async function statusLabels(scope: TenantScope): Promise<Labels> {
  const row = await scope.selectFrom("feedback_settings").select("status_labels").executeTakeFirst();
  const own = row?.status_labels ?? {};
  const labels = { ...DEFAULT_LABELS };
  for (const key of Object.keys(labels) as IdeaStatus[]) {
    const name = own[key];
    if (typeof name === "string" && oneLine(name)) labels[key] = oneLine(name, 40);
  }
  return labels;
}

// Control characters (C0, DEL, C1) and Unicode line separators: what a typed title must not
// bring into a header or a line of its own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of at most `max` characters: control and line-separator characters become spaces. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(ANY_CONTROL, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A block of text indented under a heading line; control characters other than newlines removed. */
export function indented(text: string, max = 2000): string {
  const clean = text.replace(/\r\n?/g, "\n").replace(CONTROL_BUT_NEWLINE, " ").trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return cut
    .split("\n")
    .map((l) => `  ${l}`.trimEnd())
    .join("\n");
}

export const ideaUrl = (base: string, idea: { number: string | number; slug: string }) =>
  `${base}/feedback/ideas/${idea.number}-${encodeURIComponent(idea.slug)}`;

export type IdeaRef = { id: string; title: string; number: string; slug: string };

/** One notice as the email tells it. */
export type Item =
  | { kind: "status"; from: IdeaStatus; to: IdeaStatus; explanation: string | null }
  | { kind: "merged"; from: IdeaRef; into: IdeaRef; movedHere: boolean }
  | { kind: "comment"; authorName: string; body: string };

function line(item: Item, labels: Labels, base: string): string {
  switch (item.kind) {
    case "status": {
      const head = `- Now ${labels[item.to]} (was ${labels[item.from]}).`;
      if (!item.explanation) return head;
      const why = item.to === "declined" ? "Why we decided this:" : "What this means:";
      return `${head}\n  ${why}\n${indented(item.explanation)}`;
    }
    case "merged":
      return item.movedHere
        ? `- “${oneLine(item.from.title)}”, which you followed, was merged into this idea as a duplicate.\n  Your vote and subscription moved here, counted once.`
        : `- It was merged into “${oneLine(item.into.title)}” as a duplicate. Votes and followers moved there:\n  ${ideaUrl(base, item.into)}`;
    case "comment":
      return `- Official answer from ${oneLine(item.authorName, 80)}:\n${indented(item.body)}`;
  }
}

export function subjectFor(title: string, items: Item[], labels: Labels): string {
  const t = `“${oneLine(title, 120)}”`;
  const [only] = items;
  if (items.length === 1 && only) {
    if (only.kind === "status") return `${t} is now ${labels[only.to]}`;
    if (only.kind === "merged")
      return only.movedHere
        ? `“${oneLine(only.from.title, 80)}” was merged into ${t}`
        : `${t} was merged into “${oneLine(only.into.title, 80)}”`;
    return `Official answer on ${t}`;
  }
  return `${items.length} updates on ${t}`;
}

export function bodyFor(opts: {
  workspace: string;
  idea: IdeaRef;
  base: string;
  items: Item[];
  labels: Labels;
  unsubscribe: string;
}): string {
  const { workspace, idea, base, items, labels, unsubscribe } = opts;
  return `News from ${oneLine(workspace, 80)} about an idea you follow:

“${oneLine(idea.title, 200)}”
${ideaUrl(base, idea)}

${items.map((i) => line(i, labels, base)).join("\n\n")}

—
You get this email because you follow this idea; at most one a day is sent about it.
Stop emails about this idea: ${unsubscribe}
`;
}

/** The reply on a linked case when its idea is done: the customer asked, so they hear first-hand. */
export function doneReplyFor(opts: {
  idea: IdeaRef;
  label: string;
  explanation: string | null;
  base: string;
  public: boolean;
}): string {
  const { idea, label, explanation, base } = opts;
  // An idea on a staff-only board has an internal title and no page the customer could open.
  const what = opts.public
    ? `“${oneLine(idea.title, 200)}”, which you asked us about here,`
    : "What you asked us about here";
  const more = explanation ? `\n\n${explanation.trim()}` : "";
  const link = opts.public ? `\n\nMore about it: ${ideaUrl(base, idea)}` : "";
  return `Good news: ${what} is now ${label.toLowerCase() === "done" ? "done" : `marked “${label}”`}.${more}${link}

Thank you for telling us about it.`;
}
