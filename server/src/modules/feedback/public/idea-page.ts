import type { FeedbackIdeaView } from "../../../../../contracts/feedback-pages.ts";
import { renderRemembered } from "../../help/render.ts";
import {
  type findIdeaByNumber,
  ideaComments,
  ideaRefs,
  statusHistory,
  viewerState,
  visitorVoted,
} from "./pages.repo.ts";
import { ideaHref, ideaRef, iso, isoOrNull, personOf } from "./views.ts";
import type { FeedbackVisitor } from "./visitor.ts";

type IdeaRow = NonNullable<Awaited<ReturnType<typeof findIdeaByNumber>>>;

/**
 * Everything an idea page shows, read as the visitor: the original it was merged into and the
 * duplicates merged into it appear only when their boards are readable too (a link to a private
 * board would confirm it exists).
 */
export async function loadIdeaView(v: FeedbackVisitor, idea: IdeaRow): Promise<FeedbackIdeaView> {
  const [into, duplicates, history, comments, mine] = await Promise.all([
    idea.mergedIntoId ? ideaRefs(v.scope, v.visibilities, { ids: [idea.mergedIntoId] }) : Promise.resolve([]),
    ideaRefs(v.scope, v.visibilities, { mergedInto: idea.id }),
    statusHistory(v.scope, idea.id),
    ideaComments(v.scope, idea.id),
    v.customerId
      ? viewerState(v.scope, idea.id, v.customerId)
      : v.visitorHash && idea.boardVisibility === "public"
        ? visitorVoted(v.scope, idea.id, v.visitorHash).then((myVote) => ({ myVote, subscribed: false }))
        : Promise.resolve(null),
  ]);
  return {
    id: idea.id,
    number: String(idea.number),
    title: idea.title,
    href: ideaHref(idea.number, idea.slug),
    status: idea.status,
    statusExplanation: idea.statusExplanation,
    descriptionHtml: idea.description ? renderRemembered(`i:${idea.id}`, idea.description) : "",
    tags: idea.tags,
    votes: idea.votes,
    author: personOf(idea.customerName, idea.staffName),
    createdAt: iso(idea.createdAt),
    statusChangedAt: isoOrNull(idea.statusChangedAt),
    mergedInto: into[0] ? ideaRef(into[0]) : null,
    duplicates: duplicates.map(ideaRef),
    history: history.map((h) => ({ from: h.from, to: h.to, explanation: h.explanation, at: iso(h.at) })),
    comments: comments.map((c) => ({
      id: c.id,
      bodyHtml: renderRemembered(`c:${c.id}`, c.body),
      author: personOf(c.customerName, c.staffName),
      official: c.official,
      createdAt: iso(c.createdAt),
    })),
    myVote: mine?.myVote ?? false,
    subscribed: mine?.subscribed ?? false,
  };
}
