import { decodeWords } from "./words.ts";

/**
 * Who wrote a mail, read the way forgiving mail clients read it. A From header names one
 * sender, so its address is the angle-bracket part at the end and everything before it is the
 * name, commas included: `Yangzhou ABC Lighting Equipment, LTD <sales@…>` is one company, not
 * a list. When From gives no usable address (missing, `<>`, junk), a second From, Reply-To,
 * Sender or Return-Path stands in, and the choice is recorded so an agent can see it.
 */
export type Mailbox = { address: string; name: string };
export type SenderFallback = "second-from" | "reply-to" | "sender" | "return-path";
export type SenderChoice = {
  from: Mailbox | undefined;
  fallback: SenderFallback | null;
  /** The first From header as written (encoded words decoded), for the record. */
  fromHeader: string;
  /** What the From header says, usable or not: bounce detection looks for MAILER-DAEMON in it. */
  fromAddress: string;
};

type Header = { name: string; value: string };

export function chooseSender(headers: Header[]): SenderChoice {
  const values = (name: string) => headers.filter((h) => h.name === name).map((h) => h.value);
  const froms = values("from").map(parseMailbox);
  const first = froms[0];
  const fromHeader = decodeWords(values("from")[0] ?? "").slice(0, 1000);
  const fromAddress = first?.address || fromHeader.trim().toLowerCase();
  if (first && usable(first.address)) return { from: first, fallback: null, fromHeader, fromAddress };
  const candidates: Array<[SenderFallback, Mailbox]> = [
    ...froms.slice(1).map((m): [SenderFallback, Mailbox] => ["second-from", m]),
    ...values("reply-to")
      .flatMap(splitList)
      .map((v): [SenderFallback, Mailbox] => ["reply-to", parseMailbox(v)]),
    ...values("sender").map((v): [SenderFallback, Mailbox] => ["sender", parseMailbox(v)]),
    ...values("return-path").map((v): [SenderFallback, Mailbox] => ["return-path", parseMailbox(v)]),
  ];
  const found = candidates.find(([, m]) => usable(m.address));
  if (!found) return { from: undefined, fallback: null, fromHeader, fromAddress };
  const [fallback, mailbox] = found;
  // The unusable From's name (`"我" <>`) still says who it is when the stand-in has none.
  const name = mailbox.name || froms.find((m) => m.name)?.name || "";
  return { from: { address: mailbox.address, name }, fallback, fromHeader, fromAddress };
}

/** One mailbox: the last `<…>` is the address, the text before it the name. */
export function parseMailbox(value: string): Mailbox {
  const v = value.trim();
  const lt = v.lastIndexOf("<");
  const gt = lt >= 0 ? v.indexOf(">", lt) : -1;
  if (gt > lt) {
    return {
      address: v
        .slice(lt + 1, gt)
        .trim()
        .replace(/^mailto:/i, "")
        .toLowerCase(),
      name: cleanName(v.slice(0, lt)),
    };
  }
  // No angle brackets: the first thing shaped like an address; a (comment) or the words
  // before it are the name.
  const m = /[^\s<>()[\],;:"']+@[^\s<>()[\],;:"']+/.exec(v);
  if (!m) return { address: "", name: cleanName(v.replace(/[<>]/g, "")) };
  const comment = /\(([^)]*)\)/.exec(v.slice(m.index))?.[1];
  const before = v.slice(0, m.index);
  return {
    address: m[0].toLowerCase(),
    name: cleanName(comment ?? (before.includes("@") ? "" : before)),
  };
}

function cleanName(raw: string): string {
  let name = decodeWords(raw.replace(/\r?\n[ \t]/g, " ")).trim();
  if (/^"[\s\S]*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  // A stray unmatched quote is typing noise, not part of the name.
  if ((name.match(/"/g)?.length ?? 0) % 2 === 1) name = name.replace(/"/g, "");
  return name
    .replace(/^\s+|[\s,;:]+$/g, "")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}

/** A real address: a local part, @, and a domain with a dot (or an address literal). */
export function usable(address: string): boolean {
  return /^[^\s@<>()[\],;:"\\]+@(\[[0-9a-f.:]+\]|[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?(\.[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?)+)$/iu.test(
    address,
  );
}

/** A list of mailboxes split at commas outside quotes and angle brackets (Reply-To may list several). */
function splitList(value: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  let angle = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "<") angle = true;
    else if (!quoted && ch === ">") angle = false;
    if (ch === "," && !quoted && !angle) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out.filter((s) => s.trim());
}
