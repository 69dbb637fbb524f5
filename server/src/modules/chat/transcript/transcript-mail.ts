import type { ChatMessageRow } from "../conversations.repo.ts";

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const time = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

/**
 * A chat transcript as plain text and HTML. The messages are what the visitor saw (never
 * internal notes: chatMessages leaves them out). Everything in them is hostile text, so the
 * HTML escapes it all and adds no links of its own; line breaks are kept.
 */
export function transcriptMail(input: {
  workspaceName: string;
  startedAt: Date;
  messages: ChatMessageRow[];
}) {
  const subject = `Your chat with ${input.workspaceName} on ${input.startedAt.toISOString().slice(0, 10)}`;
  const head = `Here is your chat with ${input.workspaceName}, started ${time(input.startedAt)} UTC.`;
  const text = [
    head,
    "",
    ...input.messages.map((m) => `[${time(m.created_at)}] ${m.author_name}:\n${m.body}\n`),
  ].join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:sans-serif">`,
    `<p>${escapeHtml(head)}</p>`,
    ...input.messages.map(
      (m) =>
        `<p><strong>${escapeHtml(m.author_name)}</strong> <small>${time(m.created_at)} UTC</small><br>${escapeHtml(
          m.body,
        ).replace(/\r?\n/g, "<br>")}</p>`,
    ),
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
