import sanitizeHtml from "sanitize-html";

/**
 * Zendesk Guide article HTML → the markdown Rapport's help articles are written in (issue #24).
 *
 * Rapport stores articles as markdown and renders them with raw HTML off and then the
 * inbound-mail sanitiser (help/render.ts), so HTML pasted in as it is would show as tags. The
 * HTML is first cut down by sanitize-html to an allow-list of structure (headings, paragraphs,
 * emphasis, links and images with web addresses only, lists, code, quotes, tables): scripts,
 * styles, frames, event handlers and `javascript:` links are gone before anything else reads
 * it. sanitize-html's output is well formed, so a small tokenizer rebuilds the tree from it and
 * writes markdown; text is escaped so it stays text. Images keep their (remote) address, which
 * the help center disarms like mail until they are re-uploaded.
 */

const BLOCK_TAGS = [
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "p",
  "div",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "li",
  "hr",
];
const TABLE_TAGS = ["table", "thead", "tbody", "tfoot", "tr", "th", "td"];
const INLINE_TAGS = [
  "a",
  "img",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "code",
  "span",
  "u",
  "s",
  "del",
  "sub",
  "sup",
];
const VOID = new Set(["br", "hr", "img"]);

export function safeArticleHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...BLOCK_TAGS, ...TABLE_TAGS, ...INLINE_TAGS],
    allowedAttributes: { a: ["href"], img: ["src", "alt"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    // Deeply nested hostile markup cannot make the converter below recurse without end.
    nestingLimit: 60,
  });
}

type Node = { tag: string; attrs: Record<string, string>; children: Node[] } | { text: string };

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

function parse(html: string): Node[] {
  const root: Node = { tag: "root", attrs: {}, children: [] };
  const stack = [root] as Array<Extract<Node, { tag: string }>>;
  const token = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>|([^<]+)/gi;
  for (const m of html.matchAll(token)) {
    const top = stack[stack.length - 1] as Extract<Node, { tag: string }>;
    if (m[4] !== undefined) {
      top.children.push({ text: decode(m[4]) });
      continue;
    }
    const tag = (m[2] as string).toLowerCase();
    if (m[1]) {
      const at = stack.map((n) => n.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? "").matchAll(/([a-z-]+)="([^"]*)"/gi))
      attrs[(a[1] as string).toLowerCase()] = decode(a[2] as string);
    const node = { tag, attrs, children: [] as Node[] };
    top.children.push(node);
    if (!VOID.has(tag)) stack.push(node);
  }
  return root.tag === "root" ? (root as Extract<Node, { tag: string }>).children : [];
}

/** Markdown's punctuation in text, escaped so it shows as written. */
function escapeText(s: string): string {
  return s.replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`).replace(/!(?=\[)/g, "\\!");
}

/** A block's first characters that markdown would read as a list or quote. */
function escapeLineStart(s: string): string {
  return s.replace(/^(\s*)(\d+)([.)])(\s)/, "$1$2\\$3$4").replace(/^(\s*)([-+>])(\s|$)/, "$1\\$2$3");
}

/** An address inside markdown's (…): characters that would end it early are percent-encoded. */
const url = (u: string) =>
  u.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

function inline(nodes: Node[], pre = false): string {
  return nodes.map((n) => renderInline(n, pre)).join("");
}

function wrap(mark: string, inner: string): string {
  const t = inner.trim();
  if (!t) return inner;
  const lead = inner.match(/^\s*/)?.[0] ?? "";
  const tail = inner.match(/\s*$/)?.[0] ?? "";
  return `${lead}${mark}${t}${mark}${tail}`;
}

function renderInline(n: Node, pre: boolean): string {
  if ("text" in n) return pre ? n.text : escapeText(n.text.replace(/\s+/g, " "));
  switch (n.tag) {
    case "br":
      return "  \n";
    case "strong":
    case "b":
      return wrap("**", inline(n.children));
    case "em":
    case "i":
      return wrap("*", inline(n.children));
    case "s":
    case "del":
      return wrap("~~", inline(n.children));
    case "code": {
      const raw = textOf(n);
      return raw.includes("`") ? `\`\` ${raw} \`\`` : `\`${raw}\``;
    }
    case "a": {
      const text = inline(n.children).trim();
      return n.attrs.href ? `[${text || escapeText(n.attrs.href)}](${url(n.attrs.href)})` : text;
    }
    case "img":
      return n.attrs.src ? `![${escapeText(n.attrs.alt ?? "")}](${url(n.attrs.src)})` : "";
    default:
      return BLOCK_TAGS.includes(n.tag) || TABLE_TAGS.includes(n.tag)
        ? ` ${blocks([n]).trim()} `
        : inline(n.children);
  }
}

function textOf(n: Node): string {
  return "text" in n ? n.text : n.children.map(textOf).join("");
}

function indent(text: string, first: string): string {
  const pad = " ".repeat(first.length);
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first + line : line ? pad + line : ""))
    .join("\n");
}

function table(n: Extract<Node, { tag: string }>): string {
  const rows: string[][] = [];
  const walk = (x: Node) => {
    if ("text" in x) return;
    if (x.tag === "tr")
      rows.push(
        x.children
          .filter(
            (c): c is Extract<Node, { tag: string }> => !("text" in c) && (c.tag === "td" || c.tag === "th"),
          )
          .map((c) => inline(c.children).replace(/\s+/g, " ").trim()),
      );
    else x.children.forEach(walk);
  };
  walk(n);
  if (rows.length === 0) return "";
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? "").join(" | ")} |`;
  const [head, ...body] = rows;
  return [line(head as string[]), `|${" --- |".repeat(width)}`, ...body.map(line)].join("\n");
}

function blocks(nodes: Node[]): string {
  const out: string[] = [];
  let run: Node[] = [];
  const flush = () => {
    const text = inline(run)
      .split("\n")
      .map((l) => l.trim())
      .join("\n")
      .trim();
    if (text) out.push(escapeLineStart(text));
    run = [];
  };
  for (const n of nodes) {
    if ("text" in n || !(BLOCK_TAGS.includes(n.tag) || n.tag === "table")) {
      run.push(n);
      continue;
    }
    flush();
    const heading = /^h([1-6])$/.exec(n.tag);
    if (heading)
      out.push(`${"#".repeat(Number(heading[1]))} ${inline(n.children).replace(/\s+/g, " ").trim()}`);
    else if (n.tag === "hr") out.push("---");
    else if (n.tag === "pre")
      out.push(`\`\`\`\n${textOf(n).replace(/\n$/, "").replace(/```/g, "`\u200b``")}\n\`\`\``);
    else if (n.tag === "blockquote")
      out.push(
        blocks(n.children)
          .split("\n")
          .map((l) => (l ? `> ${l}` : ">"))
          .join("\n"),
      );
    else if (n.tag === "ul" || n.tag === "ol") {
      const items = n.children.filter((c) => !("text" in c) || c.text.trim());
      out.push(
        items
          .map((item, i) =>
            indent(blocks("text" in item ? [item] : item.children), n.tag === "ol" ? `${i + 1}. ` : "- "),
          )
          .join("\n"),
      );
    } else if (n.tag === "table") out.push(table(n));
    else out.push(blocks(n.children));
  }
  flush();
  return out.filter((b) => b.trim()).join("\n\n");
}

export function htmlToMarkdown(html: string): string {
  return blocks(parse(safeArticleHtml(html)))
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
