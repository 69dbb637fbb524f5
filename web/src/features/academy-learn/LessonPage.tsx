import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconArrowLeft, IconArrowRight, IconExternalLink } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import type { LearnLesson } from "../../../../contracts/academy-learning.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useLearnLesson, useReportProgress } from "./academyLearnApi.ts";
import { useAcademyText } from "./academyLearnText.ts";
import { QuizLesson } from "./QuizLesson.tsx";
import { TextLesson } from "./TextLesson.tsx";
import { VideoLesson } from "./VideoLesson.tsx";

/** A linked help article or guide: opening it completes the lesson. */
function LinkLesson(props: { lesson: LearnLesson }) {
  const { t } = useAcademyText();
  const report = useReportProgress();
  const link = props.lesson.link;
  if (!link) return <Text c="dimmed">{t("academyLearn.link.missing")}</Text>;
  return (
    <Stack gap="xs">
      <Group>
        <Button
          component="a"
          href={link.url}
          target="_blank"
          rel="noopener"
          rightSection={<IconExternalLink size={16} aria-hidden />}
          onClick={() => report.mutate({ lessonId: props.lesson.id, opened: true })}
        >
          {t("academyLearn.link.open", { title: link.title })}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("academyLearn.link.hint")}
      </Text>
    </Stack>
  );
}

function LessonBody(props: { lesson: LearnLesson }) {
  const { t } = useAcademyText();
  const l = props.lesson;
  if (l.kind === "text") return <TextLesson lesson={l} />;
  // The other kinds show their lead-in (body_md) above what they are.
  const leadIn = l.html.trim() !== "" && (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown rendered and sanitised by the server (help/render.ts)
    <div dangerouslySetInnerHTML={{ __html: l.html }} />
  );
  return (
    <Stack gap="md">
      {leadIn}
      {l.kind === "video" && <VideoLesson lesson={l} />}
      {l.kind === "quiz" && <QuizLesson lesson={l} />}
      {l.kind === "link" && <LinkLesson lesson={l} />}
      {l.kind === "session" && <Text c="dimmed">{t("academyLearn.session.hint")}</Text>}
    </Stack>
  );
}

/** /portal/academy/lessons/<id>: one lesson, with the way back to its course and on to the next. */
export function LessonPage() {
  const { id = "" } = useParams();
  const { t } = useAcademyText();
  const lesson = useLearnLesson(id);
  const l = lesson.data;
  return (
    <Stack gap="lg">
      {l && (
        <Anchor component={Link} to={`/portal/academy/courses/${l.courseSlug}`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            {t("academyLearn.backToCourse", { title: l.courseTitle })}
          </Group>
        </Anchor>
      )}
      {lesson.isPending ? (
        <Skeleton h={300} radius="lg" />
      ) : !l ? (
        <Alert color="red" role="alert">
          {lesson.error instanceof ApiError && lesson.error.status === 404
            ? t("academyLearn.notFound")
            : t("academyLearn.loadError", { message: lesson.error?.message ?? "" })}
        </Alert>
      ) : (
        // Keyed by lesson, so moving to the next lesson starts its trackers afresh.
        <Stack gap="md" key={l.id}>
          <Group justify="space-between" align="flex-end">
            <PageTitle>{l.title}</PageTitle>
            {l.completed && (
              <Badge color="teal" size="lg" variant="light">
                {t("academyLearn.lessonComplete")}
              </Badge>
            )}
          </Group>
          <Paper withBorder radius="lg" p="lg">
            <LessonBody lesson={l} />
          </Paper>
          <Group justify="space-between">
            {l.previousLessonId ? (
              <Button
                component={Link}
                to={`/portal/academy/lessons/${l.previousLessonId}`}
                variant="subtle"
                leftSection={<IconArrowLeft size={16} aria-hidden />}
              >
                {t("academyLearn.previous")}
              </Button>
            ) : (
              <span />
            )}
            {l.nextLessonId ? (
              <Button
                component={Link}
                to={`/portal/academy/lessons/${l.nextLessonId}`}
                rightSection={<IconArrowRight size={16} aria-hidden />}
              >
                {t("academyLearn.next")}
              </Button>
            ) : (
              <Button component={Link} to={`/portal/academy/courses/${l.courseSlug}`} variant="light">
                {t("academyLearn.backToCourse", { title: l.courseTitle })}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
