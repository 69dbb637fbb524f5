import { Anchor, Button, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type {
  FeedbackIdeaView,
  FeedbackPageData,
  FeedbackPerson,
} from "../../../../../contracts/feedback-pages.ts";
import { feedbackApi } from "./feedbackApi.ts";
import { useFeedbackText } from "./feedbackText.ts";
import { Crumbs, FormattedDate, StatusBadge, useHydrated } from "./shared.tsx";

type Data = Extract<FeedbackPageData, { page: "idea" }>;

/**
 * /feedback/ideas/<number>-<slug>: the idea, its status and the company's explanation of it,
 * where it went (a duplicate) or what was merged into it, its history and comments (official
 * answers marked). Descriptions and comments arrive as sanitised HTML from the server.
 */
export function IdeaPage({ data }: { data: Data }) {
  const { t } = useFeedbackText();
  const { idea, labels } = data;
  // Shared by the vote and the follow toggle: a vote makes the voter a follower on the server
  // (unless they stopped following before), and the toggle must say so without a reload.
  const [subscribed, setSubscribed] = useState(idea.subscribed);
  const refreshSubscribed = () =>
    feedbackApi.idea(idea.id).then(
      (d) => setSubscribed(d.subscribed),
      () => undefined,
    );
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={idea.title} />
      <article aria-labelledby="fb-idea-title">
        <Stack gap="md">
          <Group align="flex-start" wrap="nowrap" gap="lg">
            <VoteBox data={data} onVoted={refreshSubscribed} />
            <Stack gap={6} miw={0}>
              <Title order={1} id="fb-idea-title" style={{ overflowWrap: "anywhere" }}>
                {idea.title}
              </Title>
              <div className="fb-meta">
                <StatusBadge status={idea.status} labels={labels} />
                {idea.author && <span>{t("feedbackPublic.postedBy", { name: idea.author.name })}</span>}
                <FormattedDate iso={idea.createdAt} />
              </div>
            </Stack>
          </Group>
          <StatusNote idea={idea} data={data} />
          {idea.descriptionHtml && (
            // Sanitised on the server (markdown-it without raw HTML, then the sanitiser).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side
            <div className="fb-body" dangerouslySetInnerHTML={{ __html: idea.descriptionHtml }} />
          )}
          {idea.tags.length > 0 && (
            <Text size="sm">
              {t("feedbackPublic.tags")}: {idea.tags.join(", ")}
            </Text>
          )}
          <Subscribe data={data} on={subscribed} setOn={setSubscribed} />
        </Stack>
      </article>
      {idea.duplicates.length > 0 && (
        <section aria-labelledby="fb-dups">
          <Title order={2} id="fb-dups" fz="h3" mb="xs">
            {t("feedbackPublic.duplicates")}
          </Title>
          <ul>
            {idea.duplicates.map((d) => (
              <li key={d.id}>
                <Anchor href={d.href}>{d.title}</Anchor>
              </li>
            ))}
          </ul>
        </section>
      )}
      {idea.history.length > 0 && (
        <section aria-labelledby="fb-history">
          <Title order={2} id="fb-history" fz="h3" mb="xs">
            {t("feedbackPublic.history")}
          </Title>
          <ol className="fb-comments">
            {idea.history.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                <div className="fb-meta">
                  <FormattedDate iso={h.at} />
                  <span>{t("feedbackPublic.historyItem", { from: labels[h.from], to: labels[h.to] })}</span>
                </div>
                {h.explanation && <Text size="sm">{h.explanation}</Text>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <Comments data={data} />
    </Stack>
  );
}

/** The status in words, the company's explanation of it, and the original when merged. */
function StatusNote({ idea, data }: { idea: FeedbackIdeaView; data: Data }) {
  const { t } = useFeedbackText();
  return (
    <div className="fb-explain" role="note">
      <Text size="sm" fw={700}>
        {data.labels[idea.status]}: {t(`feedbackPublic.statusMeaning.${idea.status}`)}
      </Text>
      {idea.statusExplanation && <Text style={{ whiteSpace: "pre-wrap" }}>{idea.statusExplanation}</Text>}
      {idea.mergedInto && (
        <Text>
          {t("feedbackPublic.mergedInto")}{" "}
          <Anchor href={idea.mergedInto.href}>{idea.mergedInto.title}</Anchor>
        </Text>
      )}
    </div>
  );
}

/**
 * The vote count; after hydration, the vote / unvote toggle of a signed-in customer, or of a
 * visitor when the workspace takes anonymous votes (public boards only; the server knows them
 * by their cookie, so their vote shows again after a reload).
 */
function VoteBox({ data, onVoted }: { data: Data; onVoted: () => void }) {
  const { t } = useFeedbackText();
  const hydrated = useHydrated();
  const [votes, setVotes] = useState(data.idea.votes);
  const [mine, setMine] = useState(data.idea.myVote);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Staff vote for a customer from the staff screens; here a vote is the reader's own.
  const anonymous =
    !data.viewer.signedIn && data.viewer.anonymousVoting && data.board.visibility === "public";
  const canVote =
    hydrated &&
    (data.viewer.signedIn || anonymous) &&
    !data.viewer.isStaff &&
    data.idea.status !== "duplicate";
  const toggle = () => {
    setBusy(true);
    setError(null);
    (mine ? feedbackApi.unvote(data.idea.id) : feedbackApi.vote(data.idea.id)).then(
      (r) => {
        setVotes(r.votes);
        setMine(r.myVote);
        setBusy(false);
        // A visitor follows nothing (there is no one to email).
        if (!anonymous) onVoted();
      },
      (err: Error) => {
        setBusy(false);
        setError(t("feedbackPublic.failed", { message: err.message }));
      },
    );
  };
  return (
    <Stack gap={4} align="center" miw="5rem">
      <Text fz="h2" fw={700} lh={1} data-testid="idea-votes">
        {votes}
      </Text>
      <Text size="sm" c="dimmed">
        {t("feedbackPublic.votesWord", { count: votes })}
      </Text>
      {canVote ? (
        <Button
          size="xs"
          variant={mine ? "filled" : "default"}
          aria-pressed={mine}
          loading={busy}
          onClick={toggle}
        >
          {mine ? t("feedbackPublic.unvote") : t("feedbackPublic.vote")}
        </Button>
      ) : (
        !data.viewer.signedIn &&
        !anonymous && (
          <Anchor href="/portal" size="xs" ta="center">
            {t("feedbackPublic.signInToVote")}
          </Anchor>
        )
      )}
      {error && (
        <Text size="xs" className="fb-error" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function Subscribe({ data, on, setOn }: { data: Data; on: boolean; setOn: (on: boolean) => void }) {
  const { t } = useFeedbackText();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  if (!hydrated || !data.viewer.signedIn || data.viewer.isStaff) return null;
  const toggle = () => {
    setBusy(true);
    (on ? feedbackApi.unsubscribe(data.idea.id) : feedbackApi.subscribe(data.idea.id)).then(
      (r) => {
        setOn(r.subscribed);
        setBusy(false);
      },
      () => setBusy(false),
    );
  };
  return (
    <Group gap="sm">
      <Button size="xs" variant="default" aria-pressed={on} loading={busy} onClick={toggle}>
        {on ? t("feedbackPublic.unsubscribe") : t("feedbackPublic.subscribe")}
      </Button>
      {on && <Text size="sm">{t("feedbackPublic.subscribed")}</Text>}
    </Group>
  );
}

function Person({ person }: { person: FeedbackPerson | null }) {
  const { t } = useFeedbackText();
  if (!person) return null;
  return (
    <span>
      {person.name} {person.isStaff && <span className="fb-badge">{t("feedbackPublic.staff")}</span>}
    </span>
  );
}

function Comments({ data }: { data: Data }) {
  const { t } = useFeedbackText();
  const hydrated = useHydrated();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    feedbackApi.comment(data.idea.id, body).then(
      // The server renders the comment (sanitised); a reload shows it as everyone sees it.
      () => window.location.reload(),
      (err: Error) => {
        setBusy(false);
        setError(t("feedbackPublic.failed", { message: err.message }));
      },
    );
  };
  return (
    <section aria-labelledby="fb-comments">
      <Title order={2} id="fb-comments" fz="h3" mb="xs">
        {t("feedbackPublic.commentsTitle")}
      </Title>
      {data.idea.comments.length === 0 ? (
        <Text c="dimmed">{t("feedbackPublic.noComments")}</Text>
      ) : (
        <ol className="fb-comments">
          {data.idea.comments.map((c) => (
            <li key={c.id} className={c.official ? "fb-comment fb-comment-official" : "fb-comment"}>
              <div className="fb-meta">
                {c.official && <span className="fb-badge">{t("feedbackPublic.official")}</span>}
                <Person person={c.author} />
                <FormattedDate iso={c.createdAt} />
              </div>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side */}
              <div className="fb-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
            </li>
          ))}
        </ol>
      )}
      {hydrated && data.viewer.signedIn && data.idea.status !== "duplicate" && (
        <form onSubmit={submit} aria-label={t("feedbackPublic.comment")}>
          <Stack gap="xs" mt="md">
            <Textarea
              label={t("feedbackPublic.commentLabel")}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              minRows={3}
              autosize
              required
            />
            {error && (
              <Text size="sm" className="fb-error" role="alert">
                {error}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={busy} disabled={!body.trim()}>
                {t("feedbackPublic.send")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </section>
  );
}
