/**
 * The part of a customer's message that says what is wrong. Greetings, sign-offs, signature
 * blocks and quoted history are the same in messages about different problems and different
 * in messages about the same one, so they only blur similarity. Conservative: only whole
 * greetings at the start and closings at the end are removed, never words in between.
 */
const GREETING =
  /^\s*(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening|day))\b[^.,!?:\n]{0,40}[.,!?:\n]+\s*/i;
const PREAMBLE =
  /^\s*(?:i\s+hope\s+(?:you(?:'re|\s+are)\s+well|this\s+\w+\s+finds\s+you\s+well)|sorry\s+to\s+bother\s+you)[.,!]*\s*/i;
const CLOSING =
  /(?<=[.!?\n,])\s*(?:thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?(?:\s+in\s+advance)?|many\s+thanks|thx|ty|cheers|(?:best|kind|warm)?\s*regards|best(?:\s+wishes)?|sincerely|sent\s+from\s+my\s+\w+)\b[^.!?]{0,40}[.!]*\s*$/i;
const SIGNATURE_OR_QUOTE = /\n(?:--\s*\n|>|On\s.{0,200}\swrote:)[\s\S]*$/;

export function problemText(text: string): string {
  let t = text.replace(SIGNATURE_OR_QUOTE, "");
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t
      .replace(GREETING, "")
      .replace(PREAMBLE, "")
      .replace(CLOSING, "")
      .replace(/[\s,]+$/, "")
      .trim();
    if (t === before) break;
  }
  // Never return nothing: a message that is only "Thanks!" is still that message.
  return t || text.trim();
}
