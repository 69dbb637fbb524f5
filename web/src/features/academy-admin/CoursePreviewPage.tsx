import {
  Alert,
  Anchor,
  Badge,
  Checkbox,
  Group,
  Loader,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router";
import type { CoursePreview } from "../../../../contracts/academy-courses.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { ArticleHtml } from "../help/ArticleMarkdown.tsx";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { useCoursePreview } from "./academyApi.ts";

type PreviewLesson = CoursePreview["modules"][number]["lessons"][number];

/**
 * "Preview as learner": the course read-only, the way a learner gets it (the server sends the
 * quiz without answers). Nothing here records progress or submits answers.
 */
export function CoursePreviewPage() {
  const { id = "" } = useParams();
  const { t } = useAcademyAdminText();
  const preview = useCoursePreview(id);
  if (preview.isPending) return <Loader size="sm" />;
  if (preview.error) return <Alert color="red">{preview.error.message}</Alert>;
  const c = preview.data;
  return (
    <Stack gap="lg" maw={820}>
      <Anchor component={Link} to={`/app/academy/courses/${c.id}`} size="sm">
        {t("academyAdmin.preview.back")}
      </Anchor>
      <PageTitle>{t("academyAdmin.preview.title", { title: c.title })}</PageTitle>
      <Alert color="blue" variant="light">
        {t("academyAdmin.preview.note")}
      </Alert>
      {c.coverUrl && <img src={c.coverUrl} alt="" style={{ maxWidth: 360, borderRadius: 8 }} />}
      <Group gap="xs">
        <Badge variant="light">{t(`academyAdmin.levels.${c.level}`)}</Badge>
        {c.durationMinutes && <Badge variant="outline">{`${c.durationMinutes} min`}</Badge>}
      </Group>
      {c.summary && <Text>{c.summary}</Text>}
      {c.modules.map((m, i) => (
        <Stack key={m.id} gap="sm" component="section" aria-labelledby={`preview-module-${m.id}`}>
          <Title order={2} size="h3" id={`preview-module-${m.id}`}>
            {`${i + 1}. ${m.title}`}
          </Title>
          {m.lessons.map((l) => (
            <PreviewLessonCard key={l.id} lesson={l} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function PreviewLessonCard({ lesson: l }: { lesson: PreviewLesson }) {
  const { t } = useAcademyAdminText();
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={`preview-lesson-${l.id}`}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h4" id={`preview-lesson-${l.id}`}>
          {l.title}
        </Title>
        <Badge variant="light" size="sm">
          {t(`academyAdmin.kinds.${l.kind}`)}
        </Badge>
      </Group>
      {l.bodyHtml && <ArticleHtml html={l.bodyHtml} />}
      {l.kind === "video" && l.videoUrl && (
        // biome-ignore lint/a11y/useMediaCaption: the track is added below when the lesson has captions
        <video controls preload="metadata" src={l.videoUrl} style={{ width: "100%", borderRadius: 8 }}>
          {l.captionsUrl && (
            <track kind="captions" src={l.captionsUrl} srcLang="en" label="Captions" default />
          )}
        </video>
      )}
      {l.kind === "video" && !l.videoUrl && l.videoEmbedUrl && (
        <iframe
          src={l.videoEmbedUrl}
          title={l.title}
          style={{ width: "100%", aspectRatio: "16 / 9", border: 0, borderRadius: 8 }}
          allow="fullscreen; picture-in-picture"
          sandbox="allow-scripts allow-same-origin allow-presentation"
        />
      )}
      {l.transcript && (
        <details>
          <summary>{t("academyAdmin.preview.transcript")}</summary>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {l.transcript}
          </Text>
        </details>
      )}
      {l.link && (
        <Text size="sm" c="dimmed">
          {l.link.kind === "article"
            ? t("academyAdmin.preview.opensArticle")
            : t("academyAdmin.preview.opensPlaybook")}
        </Text>
      )}
      {l.kind === "session" && (
        <Text size="sm" c="dimmed">
          {t("academyAdmin.preview.session")}
        </Text>
      )}
      {l.kind === "quiz" && (
        <Stack gap="sm" mt="xs">
          {l.passPercent !== null && (
            <Text size="sm" c="dimmed">
              {t("academyAdmin.preview.passMark", { percent: l.passPercent })}
            </Text>
          )}
          {l.questions.map((q, i) => (
            <fieldset key={q.id} disabled style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <Text fw={500}>{`${t("academyAdmin.preview.question", { n: i + 1 })}: ${q.prompt}`}</Text>
              </legend>
              <Stack gap={4} mt={4}>
                {q.kind === "short" && <TextInput aria-label={q.prompt} />}
                {q.kind === "single" &&
                  q.choices.map((ch) => <Radio key={ch.id} label={ch.text} name={q.id} />)}
                {q.kind === "multiple" && q.choices.map((ch) => <Checkbox key={ch.id} label={ch.text} />)}
              </Stack>
            </fieldset>
          ))}
          <Text size="xs" c="dimmed">
            {t("academyAdmin.preview.submitDisabled")}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
