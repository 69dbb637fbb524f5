import { isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";

/**
 * Charset decisions for mail whose bytes do not match their label (or have none). Real-world
 * mail carries raw GB2312 or Shift_JIS in headers, undeclared bodies and Shift_JIS inside words
 * labelled ISO-2022-JP; decoding those as labelled gives U+FFFD. We decode strictly, and when
 * that fails we detect (chardet) and keep the first plausible decoding.
 */

/**
 * Text decoded from `bytes` as `label`, or undefined if the label is unknown or any byte is
 * invalid. A guess (not the sender's own label) must also look like text (see `plausible`).
 */
export function decodeStrict(bytes: Uint8Array, label: string, guess = false): string | undefined {
  const name = label.trim().toLowerCase();
  // mailparser reads "ascii" parts as UTF-8, so that is what an ASCII label must survive.
  if (/^(us-?ascii|ascii|utf-?8)$/.test(name))
    return isUtf8(bytes) ? Buffer.from(bytes).toString("utf8") : undefined;
  let text: string | undefined;
  try {
    text = new TextDecoder(name, { fatal: true }).decode(bytes);
  } catch (err) {
    if (!(err instanceof RangeError)) return undefined; // invalid bytes (TypeError)
    // A label the WHATWG decoders do not know (cp932, …): iconv-lite, which marks bad bytes.
    if (!iconv.encodingExists(name)) return undefined;
    text = iconv.decode(Buffer.from(bytes), name);
    if (text.includes("\uFFFD")) return undefined;
  }
  return !guess || plausible(text) ? text : undefined;
}

/**
 * A decoding is implausible when it yields control characters text never has: C1 controls are
 * what single-byte charsets make of Shift_JIS or GBK lead bytes. ESC and form feed are allowed.
 */
function plausible(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return !/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f-\u009f\uFFFD]/.test(text);
}

/**
 * Charsets a mislabelled text most likely is, from its label: Japanese mailers label Shift_JIS
 * (Windows' CP932) as ISO-2022-JP, Chinese ones write GBK/GB18030 as GB2312, and so on.
 */
export function relatives(label: string | undefined): string[] {
  const name = (label ?? "").toLowerCase();
  if (/2022-jp|shift|sjis|932|euc-jp/.test(name)) return ["shift_jis", "euc-jp"];
  if (/gb|936|euc-cn/.test(name)) return ["gb18030"];
  if (/big5|950/.test(name)) return ["big5"];
  if (/kr|949|ks_c/.test(name)) return ["euc-kr"];
  if (/8859-1$|latin1|us-ascii|^ascii/.test(name)) return ["windows-1252"];
  return [];
}

/**
 * The most likely decoding of bytes that failed their label. chardet is trusted when it is
 * sure; otherwise hints (the label's relatives, the charset the rest of the message uses) go
 * first, because detection on a short string (a name, a subject) is little better than a
 * guess. UTF-8 is tried first: valid UTF-8 is almost never anything else.
 */
export function detectDecode(
  bytes: Uint8Array,
  hints: string[] = [],
): { charset: string; text: string } | undefined {
  // The first 64 kB tell as much as the whole; a long undeclared log need not be read twice.
  const found = chardet.analyse(bytes.subarray(0, 65_536)).filter((m) => m.confidence > 0);
  const sure = found.filter((m) => m.confidence >= 50).map((m) => m.name);
  const order = ["utf-8", ...sure, ...hints, ...found.map((m) => m.name)];
  const tried = new Set<string>();
  for (const charset of order) {
    const key = charset.toLowerCase();
    // UTF-16/32 guesses on 8-bit mail text are always wrong (mail text has no NULs).
    if (tried.has(key) || /^utf-(16|32)/.test(key)) continue;
    tried.add(key);
    const text = decodeStrict(bytes, charset, true);
    if (text !== undefined) return { charset, text };
  }
  return undefined;
}
