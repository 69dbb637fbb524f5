import { type FormEvent, useState } from "react";
import type { CommunityPostView } from "../../../../../contracts/community-pages.ts";
import { communityApi } from "./communityApi.ts";
import { useCommunityText } from "./communityText.ts";
import { FormattedDate, MemberName } from "./shared.tsx";
import { bodyHtmlOf, bodyId } from "./topicPersonal.ts";

type Props = {
  post: CommunityPostView;
  topicId: string;
  /** After hydration, for a signed-in person: vote, comment, flag. */
  interactive: boolean;
  /** The asker or staff, on a question's answers. */
  canAccept: boolean;
  canComment: boolean;
  /** Where the plain comment form posts (signed in, topic open); shown until hydration. */
  commentAction?: string | null;
  /** The server's refusal of this post's comment form, from a post without JavaScript. */
  notice?: string | null;
  isOwn: boolean;
};

const FLAG_REASONS = ["spam", "offensive", "off_topic", "other"] as const;

/**
 * One post: the question's opening post or an answer, with its score, marks (accepted, official,
 * MVP), body, "helped N customers" and comments. Plain elements (see COMMUNITY_CSS) because a
 * topic may have hundreds of these.
 */
export function PostCard(props: Props) {
  const { post, topicId, interactive, canAccept, canComment, isOwn } = props;
  const { t } = useCommunityText();
  const [score, setScore] = useState(post.score);
  const [myVote, setMyVote] = useState(post.myVote);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<"none" | "comment" | "flag" | "flagged">("none");
  const run = (action: () => Promise<unknown>, reload = true) =>
    action().then(
      () => {
        if (reload) window.location.reload();
      },
      (e: Error) => setError(t("communityPublic.failed", { message: e.message })),
    );
  const vote = (value: -1 | 1) => {
    const next = myVote === value ? 0 : value;
    void communityApi.vote(post.id, next).then(
      (r) => {
        setScore(r.score);
        setMyVote(r.myVote);
      },
      (e: Error) => setError(t("communityPublic.failed", { message: e.message })),
    );
  };
  const labelId = `post-${post.id}-label`;
  const showVotes = interactive && !isOwn;

  return (
    <article
      id={`post-${post.id}`}
      className={post.accepted ? "cm-post cm-post-accepted" : "cm-post"}
      aria-labelledby={labelId}
    >
      <div className="cm-score">
        {showVotes && (
          <button
            type="button"
            aria-pressed={myVote === 1}
            aria-label={t("communityPublic.vote.up")}
            onClick={() => vote(1)}
          >
            ▲
          </button>
        )}
        <span title={t("communityPublic.vote.score")}>
          <span className="cm-sr">{t("communityPublic.votes", { count: score })}</span>
          <span aria-hidden>{score}</span>
        </span>
        {showVotes && (
          <button
            type="button"
            aria-pressed={myVote === -1}
            aria-label={t("communityPublic.vote.down")}
            onClick={() => vote(-1)}
          >
            ▼
          </button>
        )}
      </div>
      <div className="cm-body">
        <div className="cm-meta" id={labelId}>
          {post.accepted && (
            <span className="cm-badge cm-badge-accepted">✓ {t("communityPublic.acceptedAnswer")}</span>
          )}
          {post.official && (
            <span className="cm-badge cm-badge-official">{t("communityPublic.official")}</span>
          )}
          <MemberName member={post.author} avatar />
          <FormattedDate iso={post.createdAt} />
          {post.editedAt && <span>({t("communityPublic.edited")})</span>}
        </div>
        {/* bodyHtml is rendered from markdown and sanitised on the server (help/render.ts: raw
            HTML off, then the mail sanitiser), so no script, handler or javascript: link survives. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above */}
        <div id={bodyId(post.id)} dangerouslySetInnerHTML={{ __html: bodyHtmlOf(post) }} />
        {post.helpedCount > 0 && (
          <p className="cm-meta">{t("communityPublic.helped", { count: post.helpedCount })}</p>
        )}
        {post.comments.length > 0 && (
          <ul className="cm-comments" aria-label={t("communityPublic.comments")}>
            {post.comments.map((c) => (
              <li key={c.id} id={`post-${c.id}`}>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, as above */}
                <span id={bodyId(c.id)} dangerouslySetInnerHTML={{ __html: bodyHtmlOf(c) }} /> —{" "}
                <MemberName member={c.author} />{" "}
                <span className="cm-meta" style={{ display: "inline" }}>
                  <FormattedDate iso={c.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {interactive && (
          <div className="cm-actions">
            {canAccept && (
              <button
                type="button"
                className="cm-link-button"
                onClick={() =>
                  run(() => (post.accepted ? communityApi.unaccept(post.id) : communityApi.accept(post.id)))
                }
              >
                {post.accepted ? t("communityPublic.unaccept") : t("communityPublic.accept")}
              </button>
            )}
            {canComment && (
              <button
                type="button"
                className="cm-link-button"
                onClick={() => setPanel(panel === "comment" ? "none" : "comment")}
              >
                {t("communityPublic.comment")}
              </button>
            )}
            {!isOwn && panel !== "flagged" && (
              <button
                type="button"
                className="cm-link-button"
                onClick={() => setPanel(panel === "flag" ? "none" : "flag")}
              >
                {t("communityPublic.flag")}
              </button>
            )}
          </div>
        )}
        {!interactive && props.commentAction && (
          <NoScriptComment action={props.commentAction} postId={post.id} notice={props.notice ?? null} />
        )}
        {panel === "comment" && (
          <CommentForm
            onSubmit={(body) => run(() => communityApi.post(topicId, body, post.id))}
            onCancel={() => setPanel("none")}
          />
        )}
        {panel === "flag" && (
          <FlagForm
            onSubmit={(reason) =>
              communityApi.flag(post.id, reason).then(
                () => setPanel("flagged"),
                (e: Error) => setError(t("communityPublic.failed", { message: e.message })),
              )
            }
          />
        )}
        {panel === "flagged" && <p role="status">{t("communityPublic.flagged")}</p>}
        {error && (
          <p role="alert" className="cm-error">
            {error}
          </p>
        )}
      </div>
    </article>
  );
}

/**
 * The comment form as plain HTML, for a reader without JavaScript (after hydration the
 * "Comment" button takes over): it posts to the page's form endpoint and comes back.
 */
function NoScriptComment(props: { action: string; postId: string; notice: string | null }) {
  const { t } = useCommunityText();
  const id = `comment-${props.postId}`;
  return (
    <details className="cm-inline-form" open={props.notice ? true : undefined}>
      <summary>{t("communityPublic.comment")}</summary>
      <form method="post" action={props.action} className="cm-inline-form">
        <input type="hidden" name="parentPostId" value={props.postId} />
        <label htmlFor={id}>{t("communityPublic.yourComment")}</label>
        <textarea
          id={id}
          name="body"
          rows={2}
          required
          maxLength={5000}
          aria-invalid={props.notice ? true : undefined}
          aria-describedby={props.notice ? `${id}-error` : undefined}
        />
        {props.notice && (
          <p role="alert" id={`${id}-error`} className="cm-error">
            {t("communityPublic.fieldError", {
              field: t("communityPublic.yourComment"),
              message: props.notice,
            })}
          </p>
        )}
        <div className="cm-actions">
          <button type="submit">{t("communityPublic.postComment")}</button>
        </div>
      </form>
    </details>
  );
}

function CommentForm(props: { onSubmit: (body: string) => void; onCancel: () => void }) {
  const { t } = useCommunityText();
  const [body, setBody] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) props.onSubmit(body);
  };
  return (
    <form onSubmit={submit} className="cm-inline-form">
      <label>
        {t("communityPublic.yourComment")}
        <textarea
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          rows={2}
          required
          maxLength={5000}
        />
      </label>
      <div className="cm-actions">
        <button type="submit">{t("communityPublic.postComment")}</button>
        <button type="button" className="cm-link-button" onClick={props.onCancel}>
          {t("communityPublic.cancel")}
        </button>
      </div>
    </form>
  );
}

function FlagForm(props: { onSubmit: (reason: (typeof FLAG_REASONS)[number]) => void }) {
  const { t } = useCommunityText();
  const [reason, setReason] = useState<(typeof FLAG_REASONS)[number]>("spam");
  return (
    <form
      className="cm-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(reason);
      }}
    >
      <fieldset>
        <legend>{t("communityPublic.flagTitle")}</legend>
        {FLAG_REASONS.map((r) => (
          <label key={r} style={{ display: "block" }}>
            <input
              type="radio"
              name="reason"
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
            />{" "}
            {t(`communityPublic.flagReasons.${r}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit">{t("communityPublic.flagSend")}</button>
    </form>
  );
}
