import type { CommunityPostView, CommunityTopicView } from "../../../../../contracts/community-pages.ts";
import { NONCE_ATTRIBUTE } from "../../../platform/http/csp-nonce.ts";
import { textOf } from "../../help/pages/head.ts";
import { profileHref } from "./views.ts";

/**
 * schema.org QAPage for a question (https://schema.org/QAPage, Google's "Q&A" rich result): the
 * Question with its accepted and suggested answers. Emitted only for topics of public
 * categories, so a private category's text never reaches structured data.
 */
const TEXT_MAX = 5000;

function person(base: string, a: CommunityPostView["author"]) {
  return { "@type": "Person", name: a.displayName, url: base + profileHref(a.id) };
}

function answer(base: string, topicUrl: string, p: CommunityPostView) {
  return {
    "@type": "Answer",
    text: textOf(p.bodyHtml).slice(0, TEXT_MAX),
    dateCreated: p.createdAt,
    upvoteCount: p.score,
    url: `${topicUrl}#post-${p.id}`,
    author: person(base, p.author),
  };
}

export function qaPageJsonLd(base: string, topic: CommunityTopicView): Record<string, unknown> {
  // Answers on later pages are addressed with their page, so each answer's url leads to it.
  const url = base + topic.href + (topic.answerPage > 1 ? `?page=${topic.answerPage}` : "");
  const accepted = topic.answers.filter((a) => a.accepted);
  const suggested = topic.answers.filter((a) => !a.accepted);
  return {
    "@context": "https://schema.org",
    "@type": "QAPage",
    mainEntity: {
      "@type": "Question",
      name: topic.title,
      text: textOf(topic.opening.bodyHtml).slice(0, TEXT_MAX) || topic.title,
      answerCount: topic.answerCount,
      upvoteCount: topic.opening.score,
      dateCreated: topic.createdAt,
      author: person(base, topic.author),
      ...(accepted.length > 0 ? { acceptedAnswer: accepted.map((a) => answer(base, url, a)) } : {}),
      ...(suggested.length > 0 ? { suggestedAnswer: suggested.map((a) => answer(base, url, a)) } : {}),
    },
  };
}

/**
 * A JSON-LD <script>. JSON.stringify escapes quotes and backslashes but not "<", so "</script>"
 * or "<!--" in a title or answer would end the element early: every <, > and & (and the line
 * separators JavaScript once refused) are written as \u escapes, which JSON reads back unchanged.
 */
export function jsonLdScript(data: unknown): string {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `<script type="application/ld+json"${NONCE_ATTRIBUTE}>${json}</script>`;
}
