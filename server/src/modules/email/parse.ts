import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import sanitizeHtml from "sanitize-html";
import { repairMime } from "./mime-repair.ts";
import { sanitizeEmailHtml } from "./sanitize.ts";
import { chooseSender, type SenderFallback } from "./sender.ts";

/**
 * Turns raw RFC 5322 bytes into what Rapport needs: who wrote, to whom, threading ids, the
 * text and safe HTML, attachments, and whether this is a person, an auto-reply or a bounce.
 * mailparser handles charsets (ISO-2022-JP, windows-1252, …), transfer encodings and RFC 2047
 * encoded words, after `repairMime` has mended undeclared and mislabelled charsets; the sender
 * is read from the headers by `chooseSender`, which forgives what mailparser does not.
 */
export type ParsedEmail = {
  kind: "message" | "auto_reply" | "bounce" | "bulk";
  from: { address: string; name: string } | undefined;
  /** Which header gave the sender when From had no usable address; null when From did. */
  fromFallback: SenderFallback | null;
  /** The From header as written (encoded words decoded). */
  fromHeader: string;
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
  /** A delivery report: `failed` (permanent) marks the address undeliverable, `delayed` does not. */
  bounce:
    | {
        recipient: string;
        reason: string;
        originalMessageId: string | null;
        outcome: "failed" | "delayed" | "other";
      }
    | undefined;
  /** Why bulk or list mail is held for an admin instead of opening a case (kind "bulk"). */
  bulkReason: string | undefined;
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
  const repaired = repairMime(raw);
  const mail = await simpleParser(repaired.raw, {
    skipTextToHtml: true,
    skipImageLinks: true,
    maxHtmlLengthToParse: 5_000_000,
  });
  const sender = chooseSender(repaired.headers);
  const kind = classify(mail, sender.fromAddress);
  const text = (mail.text ?? "").trim() || htmlToText(typeof mail.html === "string" ? mail.html : "");
  return {
    kind,
    from: sender.from,
    fromFallback: sender.fallback,
    fromHeader: sender.fromHeader,
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
    bulkReason: kind === "bulk" ? bulkReason(mail, sender.fromAddress) : undefined,
  };
}

/**
 * A forwarded message attached whole ("Forward as attachment") usually has no file name; it is
 * named after its own Subject so agents see what it is, and keeps .eml so it opens in a mail app.
 * An inline image without a name is named after its Content-ID (`image001.png@01DB…` →
 * `image001.png`), else after its type (`image.png`).
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
  const ext = extensionOf(a.contentType);
  const dotExt = ext ? `.${ext}` : "";
  const local = (a.cid ?? "")
    .split("@")[0]
    ?.replace(/[^\w.-]+/g, "_")
    .replace(/^[._-]+|[._-]+$/g, "")
    .slice(0, 100);
  if (local) return /\.[a-z0-9]{2,5}$/i.test(local) ? local : `${local}${dotExt}`;
  if (a.contentType.startsWith("image/")) return `image${dotExt}`;
  return `attachment-${a.checksum?.slice(0, 8) ?? "file"}${dotExt}`;
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/svg+xml": "svg",
  "image/x-icon": "ico",
  "image/tiff": "tif",
  "text/plain": "txt",
  "text/html": "html",
};

function extensionOf(contentType: string): string | undefined {
  const type = contentType.toLowerCase();
  const sub = type.split("/")[1] ?? "";
  return EXTENSIONS[type] ?? (/^[a-z0-9]{1,5}$/.test(sub) ? sub : undefined);
}

/**
 * Auto-replies and bounces are recorded but never answered (mail loops start there). Bulk and
 * list mail (newsletters, notifications) is held for an admin to review: nothing received may
 * be invisible. A vacation reply often carries `Precedence: bulk` too, so the signs of an
 * auto-reply are looked at first.
 */
function classify(mail: ParsedMail, from: string): ParsedEmail["kind"] {
  const header = (name: string) => String(mail.headers.get(name) ?? "").toLowerCase();
  const contentType = mail.headers.get("content-type") as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  const isReport =
    contentType?.value === "multipart/report" && contentType.params?.["report-type"] === "delivery-status";
  if (
    isReport ||
    /^(mailer-daemon|postmaster)(@|$)/.test(from) ||
    mail.attachments.some((a) => a.contentType === "message/delivery-status")
  ) {
    return "bounce";
  }
  const auto = header("auto-submitted").trim();
  if (
    auto.startsWith("auto-replied") ||
    mail.headers.has("x-autoreply") ||
    mail.headers.has("x-autorespond") ||
    /^(auto(matic)?[ -]?reply|out of (the )?office|abwesenheitsnotiz|r[ée]ponse automatique)\b/i.test(
      mail.subject ?? "",
    )
  ) {
    return "auto_reply";
  }
  if (bulkReason(mail, from)) return "bulk";
  if (auto && auto !== "no") return "auto_reply";
  return "message";
}

// Addresses no person reads: list mail from them is a newsletter or a notification. A person
// writing through a list (a support address that is a Google Group) keeps their own address.
const MACHINE_SENDER =
  /^(no-?reply|do-?not-?reply|newsletters?|news|notifications?|notify|alerts?|mailer|marketing|updates?|digest|bounces?|info)([+._-][^@]*)?@/;

function bulkReason(mail: ParsedMail, from: string): string | undefined {
  const precedence = String(mail.headers.get("precedence") ?? "")
    .trim()
    .toLowerCase();
  if (["bulk", "junk", "list"].includes(precedence)) return `Precedence: ${precedence}`;
  // mailparser folds List-* headers into one "list" object; the raw lines say which were there.
  const list = ["list-id", "list-unsubscribe"].find((h) => mail.headerLines.some((l) => l.key === h));
  if (list && MACHINE_SENDER.test(from))
    return `${list === "list-id" ? "List-Id" : "List-Unsubscribe"} from ${from}`;
  return undefined;
}

/**
 * A delivery report lists a block of fields per recipient (RFC 3464). Only a permanent failure
 * (`Action: failed`, or a 5.x.x status) makes an address undeliverable; a delay (`Action:
 * delayed`, 4.x.x) is only news, and success notices (delivered, relayed) are nothing to act on.
 */
function readBounce(mail: ParsedMail): ParsedEmail["bounce"] {
  const report =
    mail.attachments.find((a) => a.contentType === "message/delivery-status")?.content.toString("utf8") ??
    mail.text ??
    "";
  const blocks = dsnBlocks(report);
  const block = blocks.find((b) => outcomeOf(b, mail) === "failed") ?? blocks[0] ?? {};
  const recipient =
    address(block["final-recipient"]) ??
    address(block["original-recipient"]) ??
    address(String(mail.headers.get("x-failed-recipients") ?? "").split(",")[0]);
  const outcome = outcomeOf(block, mail);
  const reason =
    /^[^;]*;\s*(.+)/.exec(block["diagnostic-code"] ?? "")?.[1]?.trim() ||
    block.status ||
    (outcome === "delayed" ? "Delivery delayed" : "Delivery failed");
  const original = mail.attachments.find(
    (a) => a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers",
  );
  const originalId = original
    ? (/^message-id:\s*(<[^>\s]+>)/im.exec(original.content.toString("latin1"))?.[1]?.toLowerCase() ?? null)
    : null;
  return recipient
    ? { recipient, reason: reason.slice(0, 500), originalMessageId: originalId, outcome }
    : undefined;
}

function dsnBlocks(report: string): Array<Record<string, string>> {
  return report
    .split(/\r?\n[ \t]*\r?\n/)
    .map((text) => {
      const fields: Record<string, string> = {};
      for (const m of text.matchAll(/^([a-z-]+):[ \t]*(.*(?:\r?\n[ \t].*)*)/gim)) {
        const key = (m[1] ?? "").toLowerCase();
        fields[key] ??= (m[2] ?? "").replace(/\r?\n[ \t]+/g, " ").trim();
      }
      return fields;
    })
    .filter((f) => f["final-recipient"] || f["original-recipient"]);
}

const address = (field: string | undefined) =>
  /^(?:[^;]*;)?\s*<?([^\s<>;]+@[^\s<>;]+)>?/.exec(field ?? "")?.[1]?.toLowerCase();

function outcomeOf(block: Record<string, string>, mail: ParsedMail): "failed" | "delayed" | "other" {
  const action = (block.action ?? "").toLowerCase();
  const status = block.status ?? "";
  if (action === "failed") return "failed";
  if (action === "delayed") return "delayed";
  if (action) return "other"; // delivered, relayed, expanded
  if (/^4\./.test(status)) return "delayed";
  if (/^5\./.test(status)) return "failed";
  // A report without fields: the subject is all there is ("Delivery delayed", "Delayed Mail").
  return /\bdelay/i.test(mail.subject ?? "") ? "delayed" : "failed";
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
