import {
  COMMUNITY_PERSONAL_ID,
  type CommunityTopicPersonal,
} from "../../../../../contracts/community-pages.ts";
import { NONCE_ATTRIBUTE } from "../../../platform/http/csp-nonce.ts";
import { isFollowing, myVotes } from "./pages.repo.ts";
import { canOf, type TopicRow } from "./topic-page.ts";
import type { CommunityVisitor } from "./visitor.ts";

/**
 * A signed-in member's own part of a topic page: two small statements (their votes on the
 * topic, whether they follow it) and what they may do, as a JSON script the page applies after
 * hydration. Everything else on the page is the same for every reader of their kind, so it is
 * served from the page's cached render (platform/web.ts); this is never cached.
 */
export async function personalScript(v: CommunityVisitor, t: TopicRow): Promise<string | undefined> {
  const memberId = v.viewer.memberId;
  if (!memberId) return undefined;
  const [votes, following] = await Promise.all([
    myVotes(v.scope, t.id, memberId),
    isFollowing(v.scope, t.id, memberId),
  ]);
  const can = canOf(v.viewer, t);
  const personal: CommunityTopicPersonal = {
    memberId,
    following,
    votes: Object.fromEntries(votes.map((r) => [r.postId, r.value < 0 ? -1 : 1])),
    can: { accept: can.accept, escalate: can.escalate },
  };
  // "<" escaped, so a value can never close the script element.
  const json = JSON.stringify(personal).replace(/</g, "\\u003c");
  return `<script id="${COMMUNITY_PERSONAL_ID}" type="application/json"${NONCE_ATTRIBUTE}>${json}</script>`;
}
