import { isUtf8 } from "node:buffer";
import { decodeStrict, detectDecode, relatives } from "./charset.ts";
import { groupBytes, labelOf, WORD_GROUP } from "./words.ts";

/**
 * Mends what real-world mail gets wrong before mailparser reads it, by rewriting part headers
 * only (bodies are never re-encoded):
 * - raw 8-bit header bytes that are not UTF-8 are decoded with the detected charset and
 *   written as UTF-8 (mailparser reads raw header bytes as UTF-8);
 * - encoded words whose bytes do not fit their label (Shift_JIS labelled ISO-2022-JP) become
 *   UTF-8 encoded words;
 * - a text part without a charset, or whose bytes its charset cannot decode, is labelled with
 *   the detected charset (mailparser assumes UTF-8);
 * - a `text/html` part after the body of a multipart/mixed is an attachment, not more body.
 * Mail that needs none of this is returned as it came. The stored raw mail is never changed.
 */
type Field = { name: string; text: string }; // text: the whole field in latin1, folding kept
type Part = {
  start: number;
  headerEnd: number;
  fields: Field[];
  changed: boolean;
  type: string;
  params: Record<string, string>;
  disposition: string;
  bodyStart: number;
  bodyEnd: number;
  children: Part[];
};

const MAX_DEPTH = 30;
const MAX_PARTS = 1000;

export function repairMime(raw: Buffer): { raw: Buffer; headers: Array<{ name: string; value: string }> } {
  const s = raw.toString("latin1");
  const budget = { parts: 0 };
  const root = parsePart(s, 0, s.length, 0, budget);
  const leaves = textLeaves(root);
  const bodyCharsets = leaves.map((p) => repairText(s, p));
  const hint = bodyCharsets.find((c) => c && !/^(utf-?8|us-?ascii|ascii)$/i.test(c));
  walk(root, (p) => repairHeaders(p, hint ? [hint] : []));
  markStrayHtml(root);
  const edits = collect(root).filter((p) => p.changed);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of edits) {
    out.push(raw.subarray(at, p.start));
    // A part that had no header lines starts with its blank line; the new fields need their own.
    const block = p.fields.map((f) => f.text).join("\r\n") + (p.headerEnd === p.start ? "\r\n" : "");
    out.push(Buffer.from(block, "latin1"));
    at = p.headerEnd;
  }
  out.push(raw.subarray(at));
  const headers = root.fields.map((f) => ({
    name: f.name,
    value: Buffer.from(f.text.slice(f.text.indexOf(":") + 1), "latin1")
      .toString("utf8")
      .replace(/\r?\n(?=[ \t])/g, "")
      .trim(),
  }));
  return { raw: edits.length > 0 ? Buffer.concat(out) : raw, headers };
}

function parsePart(s: string, start: number, end: number, depth: number, budget: { parts: number }): Part {
  budget.parts++;
  let headerEnd = end;
  let bodyStart = end;
  if (s.startsWith("\r\n", start) || s.startsWith("\n", start)) {
    headerEnd = start;
    bodyStart = start + (s[start] === "\r" ? 2 : 1);
  } else {
    const blank = /\r?\n\r?\n/g;
    blank.lastIndex = start;
    const m = blank.exec(s);
    if (m && m.index < end) {
      headerEnd = m.index;
      bodyStart = Math.min(m.index + m[0].length, end);
    }
  }
  const fields: Field[] = [];
  for (const line of s.slice(start, headerEnd).split(/\r?\n/)) {
    const last = fields.at(-1);
    if (last && /^[ \t]/.test(line)) last.text += `\r\n${line}`;
    else
      fields.push({
        name: line
          .slice(0, Math.max(0, line.indexOf(":")))
          .trim()
          .toLowerCase(),
        text: line,
      });
  }
  const contentType = headerValue(fields, "content-type");
  const { value: type, params } = parseValue(contentType ?? "text/plain");
  const part: Part = {
    start,
    headerEnd,
    fields,
    changed: false,
    type,
    params,
    disposition: parseValue(headerValue(fields, "content-disposition") ?? "").value,
    bodyStart,
    bodyEnd: end,
    children: [],
  };
  const boundary = params.boundary;
  if (type.startsWith("multipart/") && boundary && depth < MAX_DEPTH) {
    for (const [from, to] of splitMultipart(s, bodyStart, end, boundary)) {
      if (budget.parts >= MAX_PARTS) break;
      part.children.push(parsePart(s, from, to, depth + 1, budget));
    }
  }
  return part;
}

/** The [start, end) ranges of a multipart body's parts, between `--boundary` lines. */
function splitMultipart(s: string, from: number, to: number, boundary: string): Array<[number, number]> {
  const dash = `--${boundary}`;
  const ranges: Array<[number, number]> = [];
  let open: number | undefined;
  for (let pos = from; ; ) {
    const i = s.indexOf(dash, pos);
    if (i < 0 || i >= to) break;
    pos = i + 1;
    if (i !== from && s[i - 1] !== "\n") continue;
    let j = i + dash.length;
    const close = s.startsWith("--", j);
    if (close) j += 2;
    while (s[j] === " " || s[j] === "\t") j++;
    const lineEnd = s.startsWith("\r\n", j) ? j + 2 : s[j] === "\n" ? j + 1 : j >= to ? to : -1;
    if (lineEnd < 0) continue;
    if (open !== undefined) {
      const contentEnd = i === from ? i : s[i - 2] === "\r" ? i - 2 : i - 1;
      ranges.push([open, Math.max(open, contentEnd)]);
    }
    open = close ? undefined : lineEnd;
    if (close) return ranges;
    pos = lineEnd;
  }
  if (open !== undefined) ranges.push([open, to]); // an unterminated last part
  return ranges;
}

function headerValue(fields: Field[], name: string): string | undefined {
  const f = fields.find((x) => x.name === name);
  return f
    ? f.text
        .slice(f.text.indexOf(":") + 1)
        .replace(/\r?\n[ \t]/g, " ")
        .trim()
    : undefined;
}

function parseValue(v: string): { value: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  for (const m of v.matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = (m[2] ?? "").trim();
    params[(m[1] ?? "").toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
  }
  return { value: (v.split(";")[0] ?? "").trim().toLowerCase(), params };
}

const walk = (p: Part, f: (p: Part) => void) => {
  f(p);
  for (const c of p.children) walk(c, f);
};
const collect = (p: Part): Part[] => {
  const all: Part[] = [];
  walk(p, (x) => all.push(x));
  return all;
};

/** Body text parts: plain or HTML, not attachments (a forwarded message/rfc822 is not entered). */
function textLeaves(root: Part): Part[] {
  return collect(root).filter(
    (p) => (p.type === "text/plain" || p.type === "text/html") && p.disposition !== "attachment",
  );
}

function bodyBytes(s: string, p: Part): Buffer {
  const body = s.slice(p.bodyStart, p.bodyEnd);
  const encoding = (headerValue(p.fields, "content-transfer-encoding") ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/[^A-Za-z0-9+/]/g, ""), "base64");
  if (encoding === "quoted-printable")
    return Buffer.from(
      body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    );
  return Buffer.from(body, "latin1");
}

/**
 * Labels a text part with the charset its bytes are really in, when its own label is missing
 * or cannot decode them. Returns the charset the part is read in (a hint for raw headers).
 */
function repairText(s: string, p: Part): string | undefined {
  const bytes = bodyBytes(s, p);
  const declared = p.params.charset?.trim();
  if (declared && decodeStrict(bytes, declared) !== undefined) return declared;
  // Undeclared: mailparser reads UTF-8, which is right for UTF-8 and for ASCII without escapes.
  if (!declared && isUtf8(bytes) && !bytes.includes(0x1b)) return undefined;
  const meta =
    p.type === "text/html"
      ? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(bytes.subarray(0, 4096).toString("latin1"))?.[1]
      : undefined;
  const found = detectDecode(bytes, [...(meta ? [meta] : []), ...relatives(declared)]);
  if (!found) return declared;
  setField(p, "Content-Type", `${p.type}; ${paramsText(p.params, { charset: found.charset })}`);
  return found.charset;
}

function paramsText(params: Record<string, string>, changes: Record<string, string>): string {
  return Object.entries({ ...params, ...changes })
    .map(([k, v]) => `${k}="${v.replace(/["\\]/g, "\\$&")}"`)
    .join("; ");
}

function setField(p: Part, name: string, value: string) {
  const i = p.fields.findIndex((f) => f.name === name.toLowerCase());
  const field = { name: name.toLowerCase(), text: `${name}: ${value}` };
  if (i >= 0) p.fields[i] = field;
  else p.fields.push(field);
  p.changed = true;
}

/**
 * Header fields whose raw 8-bit bytes are not UTF-8, and encoded words whose bytes do not fit
 * their label, are decoded with one charset detected over all of them together (a name or a
 * subject alone is too short to detect reliably) and rewritten as UTF-8.
 */
function repairHeaders(p: Part, hints: string[]) {
  const badWords: Array<{ field: Field; group: string; label: string; bytes: Buffer }> = [];
  const badRaw: Field[] = [];
  for (const field of p.fields) {
    for (const m of field.text.matchAll(WORD_GROUP)) {
      const label = labelOf(m[1] ?? "");
      const bytes = groupBytes(m[0]);
      if (decodeStrict(bytes, label) === undefined) badWords.push({ field, group: m[0], label, bytes });
    }
    if (/[\x80-\xff]/.test(field.text) && !isUtf8(Buffer.from(field.text, "latin1"))) badRaw.push(field);
  }
  if (badWords.length === 0 && badRaw.length === 0) return;
  const sample = Buffer.concat(
    [...badWords.map((w) => w.bytes), ...badRaw.map((f) => Buffer.from(f.text, "latin1"))].flatMap((b) => [
      b,
      Buffer.from("\n"),
    ]),
  );
  const allHints = [...new Set([...badWords.flatMap((w) => relatives(w.label)), ...hints])];
  const charset = detectDecode(sample, allHints)?.charset;
  const decode = (bytes: Buffer, label?: string) =>
    (charset ? decodeStrict(bytes, charset, true) : undefined) ??
    detectDecode(bytes, [...relatives(label), ...allHints])?.text;
  for (const w of badWords) {
    const text = decode(w.bytes, w.label);
    if (text === undefined) continue;
    w.field.text = w.field.text.replace(w.group, `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`);
    p.changed = true;
  }
  for (const f of badRaw) {
    const text = decode(Buffer.from(f.text, "latin1"));
    if (text === undefined) continue;
    f.text = Buffer.from(text).toString("latin1");
    p.changed = true;
  }
}

/**
 * In multipart/mixed the first part is the body; a later text/html part is a file someone
 * attached (mailparser would append it to the body). Apple Mail's HTML split around inline
 * images (a mixed whose first part is HTML too) stays body.
 */
function markStrayHtml(p: Part) {
  for (const c of p.children) markStrayHtml(c);
  if (p.type !== "multipart/mixed" || p.children[0]?.type === "text/html") return;
  p.children.forEach((c, i) => {
    if (i === 0 || c.type !== "text/html" || c.disposition === "attachment") return;
    const dispo = parseValue(headerValue(c.fields, "content-disposition") ?? "");
    const name = dispo.params.filename ?? c.params.name ?? `part-${i + 1}.html`;
    setField(c, "Content-Disposition", `attachment; ${paramsText(dispo.params, { filename: name })}`);
  });
}
