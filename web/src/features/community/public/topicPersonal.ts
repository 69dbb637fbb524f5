import {
  COMMUNITY_PERSONAL_ID,
  type CommunityPageData,
  type CommunityPostView,
  type CommunityTopicPersonal,
} from "../../../../../contracts/community-pages.ts";

type Data = Extract<CommunityPageData, { page: "topic" }>;

/**
 * The topic page in the browser: the server sends one render for every reader of a kind
 * (server/src/modules/community/public/), with the signed-in member's own votes, follow and
 * rights beside it as a small JSON script. Merged here before the first render: nothing the
 * first render shows depends on them (the interactive parts appear after hydration), so the
 * server's markup still matches.
 */
export function withPersonal(data: Data): Data {
  if (typeof document === "undefined") return data;
  const text = document.getElementById(COMMUNITY_PERSONAL_ID)?.textContent;
  if (!text) return data;
  const p = JSON.parse(text) as CommunityTopicPersonal;
  const mine = (post: CommunityPostView): CommunityPostView => ({
    ...post,
    myVote: p.votes[post.id] ?? 0,
    comments: post.comments.map(mine),
  });
  return {
    ...data,
    viewer: { ...data.viewer, memberId: p.memberId },
    topic: {
      ...data.topic,
      following: p.following,
      can: { ...data.topic.can, ...p.can },
      opening: mine(data.topic.opening),
      answers: data.topic.answers.map(mine),
    },
  };
}

/** The element a post's body is rendered in (its id is how the browser finds it again). */
export const bodyId = (postId: string) => `post-${postId}-body`;

const fromPage = new Map<string, string>();

/**
 * A post's sanitised HTML. The browser's hydration data leaves the bodies out (the page already
 * has them: sending both was half of a long page), so in the browser it is read once from the
 * server's markup and kept, so every later render gives React the same string.
 */
export function bodyHtmlOf(post: Pick<CommunityPostView, "id" | "bodyHtml">): string {
  if (post.bodyHtml || typeof document === "undefined") return post.bodyHtml;
  let html = fromPage.get(post.id);
  if (html === undefined) {
    html = document.getElementById(bodyId(post.id))?.innerHTML ?? "";
    fromPage.set(post.id, html);
  }
  return html;
}
