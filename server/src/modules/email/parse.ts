import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import sanitizeHtml from "sanitize-html";
import { sanitizeEmailHtml } from "./sanitize.ts";

/**
 * Turns raw RFC 5322 bytes into what Rapport needs: who wrote, to whom, threading ids, the
 * text and safe HTML, attachments, and whether this is a person, an auto-reply or a bounce.
 * mailparser handles charsets (ISO-2022-JP, windows-1252, …), transfer encodings and RFC 2047
 * encoded words.
 */
export type ParsedEmail = {
  kind: "message" | "auto_reply" | "bounce";
  from: { address: string; name: string } | undefined;
  recipients: string[];
  subject: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string | null;
  attachments: Array<{
    filename: string;
    contentType: string;
    content: Buffer;
    cid: string | undefined;
    inline: boolean;
  }>;
  bounce: { recipient: string; reason: string; originalMessageId: string | null } | undefined;
};

const ids = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? v.split(/\s+/) : [])
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^<[^>\s]+>$/.test(s));

const addresses = (v: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((a) => a.value)
    .map((a) => ({ address: (a.address ?? "").toLowerCase(), name: a.name ?? "" }));

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, {
    skipTextToHtml: true,
    skipImageLinks: true,
    maxHtmlLengthToParse: 5_000_000,
  });
  const from = addresses(mail.from)[0];
  const kind = classify(mail, from?.address ?? "");
  const text = (mail.text ?? "").trim() || htmlToText(typeof mail.html === "string" ? mail.html : "");
  return {
    kind,
    from: from?.address ? from : undefined,
    recipients: [...addresses(mail.to), ...addresses(mail.cc)].map((a) => a.address).filter(Boolean),
    subject: (mail.subject ?? "").trim() || "(no subject)",
    messageId: ids(mail.messageId)[0] ?? null,
    inReplyTo: ids(mail.inReplyTo)[0] ?? null,
    references: ids(mail.references).slice(-50),
    text: text || "(no text)",
    html: typeof mail.html === "string" && mail.html ? sanitizeEmailHtml(mail.html) : null,
    attachments: mail.attachments
      .filter((a) => a.contentType !== "message/delivery-status")
      .map((a) => ({
        filename: attachmentName(a),
        contentType: a.contentType,
        content: a.content,
        cid: a.cid,
        inline: a.contentDisposition === "inline" || Boolean(a.related),
      })),
    bounce: kind === "bounce" ? readBounce(mail) : undefined,
  };
}

/**
 * A forwarded message attached whole ("Forward as attachment") usually has no file name; it is
 * named after its own Subject so agents see what it is, and keeps .eml so it opens in a mail app.
 */
function attachmentName(a: ParsedMail["attachments"][number]): string {
  if (a.filename) return a.filename.slice(0, 200);
  if (a.contentType === "message/rfc822") {
    const head = a.content
      .subarray(0, 16_384)
      .toString("utf8")
      .replace(/\r?\n[ \t]+/g, " ");
    const subject = /^subject:[ \t]*(.+)$/im
      .exec(head)?.[1]
      ?.replace(/[\\/:*?"<>|]+/g, " ")
      .trim();
    return `${(subject || "forwarded message").slice(0, 190)}.eml`;
  }
  return `attachment-${a.checksum?.slice(0, 8) ?? "file"}`;
}

/** Auto-replies and bounces are recorded but never answered (mail loops start there). */
function classify(mail: ParsedMail, from: string): ParsedEmail["kind"] {
  const header = (name: string) => String(mail.headers.get(name) ?? "").toLowerCase();
  const contentType = mail.headers.get("content-type") as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  const isReport =
    contentType?.value === "multipart/report" && contentType.params?.["report-type"] === "delivery-status";
  if (
    isReport ||
    /^(mailer-daemon|postmaster)@/.test(from) ||
    mail.attachments.some((a) => a.contentType === "message/delivery-status")
  ) {
    return "bounce";
  }
  const auto = header("auto-submitted");
  if (
    (auto && auto !== "no") ||
    ["bulk", "junk", "list"].includes(header("precedence")) ||
    mail.headers.has("x-autoreply") ||
    mail.headers.has("x-autorespond")
  ) {
    return "auto_reply";
  }
  if (
    /^(auto(matic)?[ -]?reply|out of (the )?office|abwesenheitsnotiz|r[ée]ponse automatique)\b/i.test(
      mail.subject ?? "",
    )
  ) {
    return "auto_reply";
  }
  return "message";
}

function readBounce(mail: ParsedMail): ParsedEmail["bounce"] {
  const report =
    mail.attachments.find((a) => a.contentType === "message/delivery-status")?.content.toString("utf8") ??
    mail.text ??
    "";
  const recipient =
    /final-recipient:\s*rfc822;\s*<?([^\s>]+)>?/i.exec(report)?.[1] ??
    /original-recipient:\s*rfc822;\s*<?([^\s>]+)>?/i.exec(report)?.[1];
  const reason =
    /diagnostic-code:\s*[^;]*;\s*(.+)/i.exec(report)?.[1]?.trim() ??
    /status:\s*(\S+)/i.exec(report)?.[1] ??
    "Delivery failed";
  const original = mail.attachments.find(
    (a) => a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers",
  );
  const originalId = original
    ? (/^message-id:\s*(<[^>\s]+>)/im.exec(original.content.toString("latin1"))?.[1]?.toLowerCase() ?? null)
    : null;
  return recipient
    ? { recipient: recipient.toLowerCase(), reason: reason.slice(0, 500), originalMessageId: originalId }
    : undefined;
}

function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\s*\/?>/gi, "\n"), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
