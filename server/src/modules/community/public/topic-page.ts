import type {
  CommunityPostView,
  CommunityTopicView,
  CommunityViewer,
} from "../../../../../contracts/community-pages.ts";
import { renderRemembered } from "../../help/render.ts";
import { type findTopicByNumber, isFollowing, myVotes, topicCases, topicPosts } from "./pages.repo.ts";
import { authorOf, iso, topicHref } from "./views.ts";
import type { CommunityVisitor } from "./visitor.ts";

export type TopicRow = NonNullable<Awaited<ReturnType<typeof findTopicByNumber>>>;

/**
 * A topic page's data in five bounded statements, whatever its length: the topic (with category,
 * author, problem), its visible posts with their authors, and, for a signed-in member, their
 * votes and whether they follow it; plus the cases tied to it for "helped N customers".
 */
/** Answers per page: a 500-post topic renders a page of answers (with their comments), not all of them. */
export const ANSWERS_PER_PAGE = 50;

/** null when the topic cannot be shown (its opening post hidden) or the page does not exist. */
export async function loadTopicView(
  v: CommunityVisitor,
  t: TopicRow,
  page = 1,
): Promise<CommunityTopicView | null> {
  const memberId = v.viewer.memberId;
  const [posts, votes, following, cases] = await Promise.all([
    topicPosts(v.scope, t.id),
    memberId ? myVotes(v.scope, t.id, memberId) : Promise.resolve([]),
    memberId ? isFollowing(v.scope, t.id, memberId) : Promise.resolve(false),
    topicCases(v.scope, t.id),
  ]);
  const voteOf = new Map(votes.map((r) => [r.postId, r.value]));
  const views = new Map<string, CommunityPostView>();
  let opening: CommunityPostView | null = null;
  const answers: Array<CommunityPostView & { acceptedAt: number }> = [];
  // Accepted answers first (in the order they were accepted), then the rest by time.
  for (const p of posts) {
    const helped =
      p.accepted && p.acceptedAt
        ? new Set(cases.filter((c) => c.linkedAt > (p.acceptedAt as Date)).map((c) => c.customerId)).size
        : 0;
    const view: CommunityPostView = {
      id: p.id,
      kind: p.kind,
      // Stored when written (the core's renderer, mentions as links); rendered here when missing.
      bodyHtml: p.bodyHtml ?? renderRemembered(`p:${p.id}`, p.body),
      author: authorOf(p),
      official: p.official,
      accepted: p.kind === "answer" && p.accepted,
      score: p.score,
      myVote: Math.sign(voteOf.get(p.id) ?? 0) as -1 | 0 | 1,
      helpedCount: helped,
      createdAt: iso(p.createdAt),
      editedAt: p.editedAt ? iso(p.editedAt) : null,
      comments: [],
    };
    if (p.kind === "comment") {
      // Oldest first, so a parent is always seen before its comments; a hidden parent hides them.
      views.get(p.parentPostId ?? "")?.comments.push(view);
      continue;
    }
    views.set(p.id, view);
    if (p.kind === "opening") opening = view;
    else answers.push({ ...view, acceptedAt: p.acceptedAt ? p.acceptedAt.getTime() : 0 });
  }
  // An opening post hidden by moderation hides the topic from the public too.
  if (!opening) return null;
  const ordered =
    t.kind === "question"
      ? [
          ...answers.filter((a) => a.accepted).sort((a, b) => a.acceptedAt - b.acceptedAt),
          ...answers.filter((a) => !a.accepted),
        ]
      : answers;
  const answerPageCount = Math.max(1, Math.ceil(ordered.length / ANSWERS_PER_PAGE));
  if (page > answerPageCount) return null;
  const shown = ordered.slice((page - 1) * ANSWERS_PER_PAGE, page * ANSWERS_PER_PAGE);
  const closed = t.status === "closed";
  return {
    id: t.id,
    number: String(t.number),
    href: topicHref(t.number, t.slug),
    kind: t.kind,
    title: t.title,
    solved: t.solved,
    closed,
    pinned: t.pinned,
    score: opening.score,
    answerCount: answers.length,
    createdAt: iso(t.createdAt),
    author: authorOf(t),
    problem: t.problemStatus ? { title: t.problemTitle, status: t.problemStatus } : null,
    opening,
    // The copies share their comments array with `views`, so later comments are in them.
    answers: shown.map(({ acceptedAt: _a, ...a }) => a),
    answerPage: page,
    answerPageCount,
    following,
    can: canOf(v.viewer, t),
  };
}

/** What the viewer may do on the topic (the asker accepts and escalates; staff accept). */
export function canOf(viewer: CommunityViewer, t: TopicRow): CommunityTopicView["can"] {
  const isAsker = !!viewer.memberId && viewer.memberId === t.authorId;
  const closed = t.status === "closed";
  return {
    answer: viewer.signedIn && !closed,
    accept: t.kind === "question" && (isAsker || viewer.isStaff),
    escalate: t.kind === "question" && isAsker && !t.solved && !viewer.isStaff,
    vote: viewer.signedIn,
  };
}

/**
 * The page's data as the browser gets it for hydration: the same, without the posts' HTML,
 * which the page already carries (the browser reads each body from the server's markup,
 * TopicPage.tsx): every post was sent twice, half of a long page's bytes.
 */
export function withoutBodies(topic: CommunityTopicView): CommunityTopicView {
  const strip = (p: CommunityPostView): CommunityPostView => ({
    ...p,
    bodyHtml: "",
    comments: p.comments.map(strip),
  });
  return { ...topic, opening: strip(topic.opening), answers: topic.answers.map(strip) };
}
