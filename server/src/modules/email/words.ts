import { decodeStrict, detectDecode, relatives } from "./charset.ts";

/**
 * RFC 2047 encoded words (`=?charset?B?…?=`). Adjacent words of one charset are decoded as one
 * byte string, because mailers split a multibyte character across two words.
 */
const WORD = /=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/gi;
export const WORD_GROUP = /=\?([^?\s]+)\?([bq])\?[^?\s]*\?=(?:\s+=\?\1\?[bq]\?[^?\s]*\?=)*/gi;

/** The charset label of a word without its RFC 2231 language suffix (`utf-8*en`). */
export const labelOf = (charset: string) => charset.replace(/\*.*$/, "").toLowerCase();

/** The bytes a group of adjacent words carries. */
export function groupBytes(group: string): Buffer {
  const parts: Buffer[] = [];
  for (const [, , enc, payload = ""] of group.matchAll(WORD)) {
    if (enc?.toLowerCase() === "b") parts.push(Buffer.from(payload, "base64"));
    else
      parts.push(
        Buffer.from(
          payload
            .replace(/_/g, " ")
            .replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ),
      );
  }
  return Buffer.concat(parts);
}

/** A group decoded as labelled, or (when that fails) as the likeliest charset. */
export function decodeGroup(label: string, bytes: Buffer, hints: string[] = []): string | undefined {
  return decodeStrict(bytes, label) ?? detectDecode(bytes, [...relatives(label), ...hints])?.text;
}

/** Decodes every encoded word in a header value; whitespace between adjacent words goes. */
export function decodeWords(value: string): string {
  return value.replace(WORD_GROUP, (group, charset: string) => {
    return decodeGroup(labelOf(charset), groupBytes(group)) ?? group;
  });
}
