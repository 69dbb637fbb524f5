/**
 * Splits a plain-text email body into what the sender wrote now, their signature and the
 * history they quoted. Nothing is dropped: the page folds signature and quotes behind toggles,
 * because agents sometimes need the older mail (e.g. when the customer forwarded something).
 */
export type TextPart = { kind: "text" | "quote" | "signature"; text: string };

// "On Tue, 3 Mar 2026 at 10:12, Support <s@x> wrote:" (Gmail, Apple Mail, Thunderbird).
const ATTRIBUTION = /^On\s.+wrote:\s*$/i;
// Outlook top-posting: no ">" prefixes, just a separator or a header block above the old mail.
const OUTLOOK_SEPARATOR = /^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}\s*$/i;
const HEADER_FROM = /^\*?From:\*?\s+\S/;
const HEADER_SENT = /^\*?(Sent|Date):\*?\s+\S/;
// Outlook draws a line of underscores above its "From:/Sent:" block; Apple Mail forwards say so.
const OUTLOOK_RULE = /^_{10,}$/;
const APPLE_FORWARD = /^Begin forwarded message:$/i;
// RFC 3676 signature separator "-- "; many clients trim the space, so "--" counts too.
const SIGNATURE = /^--\s?$/;

/** Where an unprefixed history starts: everything from this line to the end is quoted. */
function historyStartsAt(lines: string[], i: number): boolean {
  const line = lines[i]?.trim() ?? "";
  if (ATTRIBUTION.test(line) || OUTLOOK_SEPARATOR.test(line) || APPLE_FORWARD.test(line)) return true;
  if (OUTLOOK_RULE.test(line)) return HEADER_FROM.test(lines[i + 1]?.trim() ?? "");
  // Attributions wrapped over two lines: "On …, Support <s@x>" then "wrote:".
  if (/^On\s/i.test(line) && /^\S*.*wrote:\s*$/i.test(lines[i + 1]?.trim() ?? "")) return true;
  if (HEADER_FROM.test(line)) {
    // A "From:" line is only a header block when "Sent:"/"Date:" follows within a few lines.
    return lines.slice(i + 1, i + 4).some((l) => HEADER_SENT.test(l.trim()));
  }
  return false;
}

export function foldText(body: string): TextPart[] {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const parts: TextPart[] = [];
  const push = (kind: TextPart["kind"], line: string) => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += `\n${line}`;
    else parts.push({ kind, text: line });
  };

  let inSignature = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (historyStartsAt(lines, i)) {
      push("quote", lines.slice(i).join("\n"));
      break;
    }
    if (line.startsWith(">")) {
      // Inline replies interleave quotes and answers, so a ">" run ends the signature too.
      inSignature = false;
      push("quote", line);
      continue;
    }
    // A blank line between two ">" lines belongs to the quote, not to the reply.
    if (line.trim() === "" && parts.at(-1)?.kind === "quote" && lines[i + 1]?.startsWith(">")) {
      push("quote", line);
      continue;
    }
    if (SIGNATURE.test(line)) inSignature = true;
    push(inSignature ? "signature" : "text", line);
  }
  return tidy(parts);
}

/** Trims blank lines at the edges of each part and drops parts left empty. */
function tidy(parts: TextPart[]): TextPart[] {
  return parts
    .map((p) => ({ ...p, text: p.text.replace(/^\s*\n/, "").replace(/\s+$/, "") }))
    .filter((p) => p.text.trim() !== "");
}
