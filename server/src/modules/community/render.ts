import { sql } from "kysely";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * Post bodies: markdown with code blocks, images and @mentions. Raw HTML in the markdown is
 * shown as text (html: false) and the result passes an allow-list, so script, event handlers,
 * frames and javascript:/data: links never survive, whoever wrote the post. Unlike the help
 * center's renderer (help/render.ts, the inbound-mail sanitiser, which disarms remote images),
 * community images may load from http(s) addresses: posting pictures is a privilege members
 * earn (reputation's canImage), checked when the post is written.
 *
 * Mentions are `@Display Name` (up to four words) or `@display-name`; those naming a member
 * become links to `/community/u/<id>`. Text in code and inside links is never touched.
 */

const MAX_WORDS = 4;
// A mention starts at "@" after a non-word character; its words are letters, digits, . _ ' -
const MENTION =
  /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}][\p{L}\p{N}._'-]*(?: [\p{L}\p{N}][\p{L}\p{N}._'-]*){0,3})/gu;

/** "Display Name" and "display-name" both name the member called "Display Name". */
export const mentionKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, "-");

/** Every string a body could be mentioning: each @ with 1 to 4 following words. */
export function mentionCandidates(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(MENTION)) {
    const words = (m[2] ?? "").split(" ");
    for (let n = 1; n <= Math.min(words.length, MAX_WORDS); n++) {
      out.add(
        mentionKey(
          words
            .slice(0, n)
            .join(" ")
            .replace(/[.'-]+$/, ""),
        ),
      );
    }
  }
  return [...out].filter((k) => k.length > 0).slice(0, 200);
}

/** Mention key → member id. When two members share a name, the earlier one is meant. */
export async function resolveMentions(scope: TenantScope, body: string): Promise<Map<string, string>> {
  const keys = mentionCandidates(body);
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{ key: string; id: string }>`
    select distinct on (key) key, id from (
      select lower(regexp_replace(trim(display_name), '\\s+', '-', 'g')) as key, id, created_at
        from community_members where workspace_id = ${scope.workspaceId}) m
     where key = any(${keys}::text[])
     order by key, created_at, id`.execute(scope.db);
  return new Map(rows.map((r) => [r.key, r.id]));
}

const md = new MarkdownIt({ html: false, linkify: true });
type StateCore = Parameters<Parameters<typeof md.core.ruler.push>[1]>[0];

md.core.ruler.push("community_mentions", (state: StateCore) => {
  const members = (state.env as { mentions?: Map<string, string> }).mentions;
  if (!members || members.size === 0) return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: typeof block.children = [];
    let inLink = 0;
    for (const tok of block.children) {
      if (tok.type === "link_open") inLink++;
      if (tok.type === "link_close") inLink--;
      if (tok.type !== "text" || inLink > 0 || !tok.content.includes("@")) {
        out.push(tok);
        continue;
      }
      out.push(...splitMentions(state, tok.content, members));
    }
    block.children = out;
  }
});

function splitMentions(state: StateCore, text: string, members: Map<string, string>) {
  const tokens = [];
  let last = 0;
  const text_ = (content: string) => {
    const t = new state.Token("text", "", 0);
    t.content = content;
    return t;
  };
  for (const m of text.matchAll(MENTION)) {
    const words = (m[2] ?? "").split(" ");
    for (let n = Math.min(words.length, MAX_WORDS); n >= 1; n--) {
      const name = words
        .slice(0, n)
        .join(" ")
        .replace(/[.'-]+$/, "");
      const id = members.get(mentionKey(name));
      if (!id) continue;
      const at = (m.index ?? 0) + (m[1] ?? "").length;
      if (at > last) tokens.push(text_(text.slice(last, at)));
      const open = new state.Token("link_open", "a", 1);
      open.attrs = [
        ["href", `/community/u/${id}`],
        ["class", "mention"],
      ];
      tokens.push(open, text_(`@${name}`), new state.Token("link_close", "a", -1));
      last = at + 1 + name.length;
      break;
    }
  }
  if (last < text.length) tokens.push(text_(text.slice(last)));
  return tokens;
}

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "del", "s"],
  allowedAttributes: {
    a: ["href", "title", "class", "rel"],
    img: ["src", "alt", "title"],
    code: ["class"],
    th: ["align", "style"],
    td: ["align", "style"],
  },
  allowedClasses: { a: ["mention"], code: [/^language-[\w-]+$/] },
  allowedStyles: {
    th: { "text-align": [/^(left|right|center)$/] },
    td: { "text-align": [/^(left|right|center)$/] },
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      // Members' links are not endorsements, and never get a handle on our window.
      attribs:
        attribs.class === "mention" ? attribs : { ...attribs, rel: "nofollow ugc noopener noreferrer" },
    }),
  },
};

/** The body as safe HTML, with the mentions resolved by resolveMentions. */
export function renderPost(body: string, mentions: Map<string, string> = new Map()): string {
  return sanitizeHtml(md.render(body, { mentions }), ALLOWED);
}

/** Whether a body carries links or pictures (privileges new members have not earned yet). */
export function bodyFeatures(body: string): { links: boolean; images: boolean } {
  let links = false;
  let images = false;
  for (const block of md.parse(body, {})) {
    for (const t of block.children ?? []) {
      if (t.type === "link_open") links = true;
      if (t.type === "image") images = true;
    }
  }
  return { links, images };
}

/** Resolves and stores a post's mentions (replacing earlier ones on an edit). */
export async function saveMentions(scope: TenantScope, postId: string, mentions: Map<string, string>) {
  await scope.deleteFrom("community_mentions").where("post_id", "=", postId).execute();
  const ids = [...new Set(mentions.values())];
  if (ids.length === 0) return;
  await scope.db
    .insertInto("community_mentions")
    .values(ids.map((member_id) => ({ workspace_id: scope.workspaceId, post_id: postId, member_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
