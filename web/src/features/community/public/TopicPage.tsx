import { Alert, Anchor, Button, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconTool } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import type { CommunityPageData, CommunityTopicView } from "../../../../../contracts/community-pages.ts";
import { communityApi } from "./communityApi.ts";
import { useCommunityText } from "./communityText.ts";
import { useLiveProblem } from "./liveProblem.ts";
import { PictureUpload, withPicture } from "./PictureUpload.tsx";
import { PostCard } from "./PostCard.tsx";
import { AnswerPost } from "./StaticPost.tsx";
import { Crumbs, useHydrated } from "./shared.tsx";
import { withPersonal } from "./topicPersonal.ts";

type Data = Extract<CommunityPageData, { page: "topic" }>;

/**
 * /community/t/<number>-<slug>: the question (or discussion), "An engineer is on this" when it is
 * tied to a problem, then the answers, accepted ones first, right below the question.
 */
export function TopicPage(props: { data: Data }) {
  const { t } = useCommunityText();
  // The member's own votes, follow and rights, sent beside the page's shared render.
  const [data] = useState(() => withPersonal(props.data));
  const hydrated = useHydrated();
  const topic = data.topic;
  const viewer = data.viewer;
  const interactive = hydrated && viewer.signedIn;
  const isOwn = (authorId: string) => viewer.memberId === authorId;
  const problem = useLiveProblem(topic.id, topic.problem);

  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={topic.title} />
      <Stack gap="xs">
        <Title order={1} id="topic-title">
          {topic.title}
        </Title>
        <Group gap="xs">
          {topic.solved && <span className="cm-badge cm-badge-solved">{t("communityPublic.solved")}</span>}
          {topic.closed && <span className="cm-badge cm-badge-plain">{t("communityPublic.closed")}</span>}
          {topic.kind === "discussion" && (
            <span className="cm-badge cm-badge-plain">{t("communityPublic.discussion")}</span>
          )}
          {data.category.visibility !== "public" && (
            <Text size="sm">{t(`communityPublic.visibility.${data.category.visibility}`)}</Text>
          )}
        </Group>
      </Stack>
      {problem && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconTool size={20} aria-hidden />}
          title={t("communityPublic.engineerOnIt")}
        >
          {problem.title
            ? t("communityPublic.engineerStatus", {
                title: problem.title,
                status: statusText(t, problem.status),
              })
            : t("communityPublic.engineerStatusNoTitle", { status: statusText(t, problem.status) })}
        </Alert>
      )}
      <PostCard
        post={topic.opening}
        topicId={topic.id}
        interactive={interactive}
        canAccept={false}
        canComment={interactive && topic.can.answer}
        commentAction={viewer.signedIn && topic.can.answer ? formAction(topic) : null}
        notice={commentNotice(data, topic.opening.id)}
        isOwn={isOwn(topic.opening.author.id)}
      />
      {interactive && <TopicActions topic={topic} />}
      {data.notice?.kind === "error" && !topic.can.answer && (
        <Alert color="red" variant="light" role="alert" title={t("communityPublic.notPosted")}>
          {data.notice.message}
        </Alert>
      )}
      {data.notice?.kind === "held" && (
        <Alert color="blue" variant="light" role="status" title={t("communityPublic.heldTitle")}>
          {t("communityPublic.held")}
        </Alert>
      )}
      <section aria-labelledby="answers-title">
        <Stack gap="md">
          <Title order={2} id="answers-title" fz="h3">
            {topic.kind === "question"
              ? t("communityPublic.answerCount", { count: topic.answerCount })
              : t("communityPublic.replies")}
          </Title>
          {topic.answers.length === 0 && <Text c="dimmed">{t("communityPublic.noAnswers")}</Text>}
          {topic.answers.map((a) => (
            <AnswerPost
              key={a.id}
              post={a}
              topicId={topic.id}
              interactive={interactive}
              canAccept={topic.can.accept}
              canComment={interactive && topic.can.answer}
              commentAction={viewer.signedIn && topic.can.answer ? formAction(topic) : null}
              notice={commentNotice(data, a.id)}
              isOwn={isOwn(a.author.id)}
            />
          ))}
          {topic.answerPageCount > 1 && <AnswerPages topic={topic} />}
        </Stack>
      </section>
      {topic.closed ? (
        <Text c="dimmed">{t("communityPublic.closedNote")}</Text>
      ) : !viewer.signedIn ? (
        <Text>
          <Anchor href="/portal">{t("communityPublic.signInToAnswer")}</Anchor>
        </Text>
      ) : (
        topic.can.answer && <AnswerForm topic={topic} notice={data.notice ?? null} />
      )}
    </Stack>
  );
}

/** Plain links between the pages of a long topic's answers. */
function AnswerPages({ topic }: { topic: CommunityTopicView }) {
  const { t } = useCommunityText();
  const href = (page: number) =>
    page > 1 ? `${topic.href}?page=${page}#answers-title` : `${topic.href}#answers-title`;
  return (
    <nav aria-label={t("communityPublic.pagination")}>
      <Group gap="md">
        {topic.answerPage > 1 && (
          <Anchor href={href(topic.answerPage - 1)} rel="prev">
            {t("communityPublic.previous")}
          </Anchor>
        )}
        <Text size="sm">
          {t("communityPublic.pageOf", { page: topic.answerPage, count: topic.answerPageCount })}
        </Text>
        {topic.answerPage < topic.answerPageCount && (
          <Anchor href={href(topic.answerPage + 1)} rel="next">
            {t("communityPublic.next")}
          </Anchor>
        )}
      </Group>
    </nav>
  );
}

function statusText(t: ReturnType<typeof useCommunityText>["t"], status: string) {
  return t(`problemStatus.${status}` as "problemStatus.investigating", {
    defaultValue: status.replace(/_/g, " "),
  });
}

/** Follow, and "Turn into a support request" for the asker of an unsolved question. */
function TopicActions({ topic }: { topic: CommunityTopicView }) {
  const { t } = useCommunityText();
  const [following, setFollowing] = useState(topic.following);
  const [escalated, setEscalated] = useState<{ caseId: string; caseNumber: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: Error) => setError(t("communityPublic.failed", { message: e.message }));
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button
          variant={following ? "filled" : "default"}
          size="xs"
          aria-pressed={following}
          onClick={() =>
            void (following ? communityApi.unfollow(topic.id) : communityApi.follow(topic.id)).then(
              () => setFollowing(!following),
              fail,
            )
          }
        >
          {following ? t("communityPublic.unfollow") : t("communityPublic.follow")}
        </Button>
        {topic.can.escalate && !escalated && (
          <Button
            variant="default"
            size="xs"
            onClick={() => void communityApi.escalate(topic.id).then(setEscalated, fail)}
          >
            {t("communityPublic.escalate")}
          </Button>
        )}
      </Group>
      {escalated && (
        <Text role="status">
          {t("communityPublic.escalated", { number: escalated.caseNumber })}{" "}
          <Anchor href={`/portal/requests/${escalated.caseId}`}>{t("communityPublic.openRequest")}</Anchor>
        </Text>
      )}
      {error && (
        <Text role="alert" c="red.8">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** Where the page's forms post (server/src/modules/community/public/form-posts.ts). */
const formAction = (topic: CommunityTopicView) => `/community/t/${topic.number}/posts`;

/** A form's refusal, shown by the comment form it came from (its anchor names the post). */
function commentNotice(data: Data, postId: string) {
  const n = data.notice;
  return n?.kind === "error" && n.postId === postId ? n.message : null;
}

/**
 * The answer form: a plain HTML form (it posts and comes back without JavaScript, with the
 * server's refusal shown here, naming the field); with JavaScript it posts through the API and
 * reloads.
 */
function AnswerForm({ topic, notice }: { topic: CommunityTopicView; notice: Data["notice"] }) {
  const { t } = useCommunityText();
  const hydrated = useHydrated();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(
    notice?.kind === "error" && !notice.postId
      ? t("communityPublic.fieldError", {
          field: notice.field && notice.field !== "body" ? notice.field : t("communityPublic.yourAnswer"),
          message: notice.message,
        })
      : null,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    communityApi.post(topic.id, body).then(
      () => window.location.reload(),
      (err: Error) => {
        setBusy(false);
        setError(t("communityPublic.failed", { message: err.message }));
      },
    );
  };
  return (
    <form
      onSubmit={submit}
      method="post"
      action={formAction(topic)}
      aria-labelledby="answer-form-title"
      id="answer-form"
    >
      <Stack gap="sm">
        <Title order={2} fz="h4" id="answer-form-title">
          {t("communityPublic.yourAnswer")}
        </Title>
        <Textarea
          label={t("communityPublic.yourAnswer")}
          name="body"
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={5}
          required
          maxLength={50_000}
          error={error ?? undefined}
        />
        {hydrated && <PictureUpload onInsert={(md) => setBody((b) => withPicture(b, md))} />}
        <Group>
          <Button type="submit" loading={busy}>
            {t("communityPublic.postAnswer")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
