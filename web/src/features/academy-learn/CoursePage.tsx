import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconCircle } from "@tabler/icons-react";
import { Link, Navigate, useNavigate, useParams, useSearchParams } from "react-router";
import type { LearnCourse } from "../../../../contracts/academy-learning.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useEnroll, useLearnCourse } from "./academyLearnApi.ts";
import { useAcademyText } from "./academyLearnText.ts";

function ModuleList(props: { course: LearnCourse }) {
  const { t } = useAcademyText();
  return (
    <Stack gap="md" component="nav" aria-label={t("academyLearn.modulesLabel")}>
      {props.course.modules.map((m) => (
        <Paper key={m.id} withBorder radius="lg" p="lg">
          <Title order={2} size="h4" mb="sm">
            {m.title}
          </Title>
          <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {m.lessons.map((l) => (
              <Group key={l.id} component="li" gap="sm" wrap="nowrap">
                <ThemeIcon
                  size="sm"
                  radius="xl"
                  variant={l.completed ? "filled" : "light"}
                  color={l.completed ? "teal" : "gray"}
                >
                  {l.completed ? <IconCheck size={12} aria-hidden /> : <IconCircle size={10} aria-hidden />}
                </ThemeIcon>
                <Anchor component={Link} to={`/portal/academy/lessons/${l.id}`} style={{ minWidth: 0 }}>
                  {l.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`academyLearn.kind.${l.kind}`)}
                  {l.required ? "" : ` · ${t("academyLearn.optional")}`}
                </Text>
                {l.completed ? (
                  <Badge size="sm" color="teal" variant="light">
                    {t("academyLearn.lessonDone")}
                  </Badge>
                ) : l.percent > 0 ? (
                  <Text size="xs">{t("academyLearn.lessonPercent", { percent: l.percent })}</Text>
                ) : null}
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/**
 * /portal/academy/courses/<slug>: the course, its progress bar, a Resume button and every lesson.
 * `?lesson=<id>` (the link an agent suggests in a reply, academy/support) opens that lesson.
 */
export function CoursePage() {
  const [search] = useSearchParams();
  const lesson = search.get("lesson");
  if (lesson && /^[0-9a-f-]{36}$/.test(lesson))
    return <Navigate to={`/portal/academy/lessons/${lesson}`} replace />;
  return <CourseView />;
}

function CourseView() {
  const { key = "" } = useParams();
  const { t } = useAcademyText();
  const course = useLearnCourse(key);
  const enroll = useEnroll();
  const navigate = useNavigate();
  const c = course.data;

  const start = () => {
    if (!c) return;
    const go = () => c.resumeLessonId && navigate(`/portal/academy/lessons/${c.resumeLessonId}`);
    if (c.enrolled) go();
    else enroll.mutate(c.id, { onSuccess: go });
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/portal/academy" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("academyLearn.backToCourses")}
        </Group>
      </Anchor>
      {course.isPending ? (
        <Skeleton h={240} radius="lg" />
      ) : !c ? (
        <Alert color="red" role="alert">
          {course.error instanceof ApiError && course.error.status === 404
            ? t("academyLearn.notFound")
            : t("academyLearn.loadError", { message: course.error?.message ?? "" })}
        </Alert>
      ) : (
        <>
          <Stack gap="xs">
            <PageTitle>{c.title}</PageTitle>
            <Text c="dimmed">{c.summary}</Text>
            <Group gap="xs">
              <Badge variant="light">{t(`academyLearn.level.${c.level}`)}</Badge>
              {c.durationMinutes && (
                <Badge variant="default">{t("academyLearn.minutes", { count: c.durationMinutes })}</Badge>
              )}
            </Group>
          </Stack>
          <Paper withBorder radius="lg" p="lg">
            <Stack gap="sm">
              <Progress
                value={c.percent}
                size="lg"
                aria-label={t("academyLearn.progressLabel", { title: c.title })}
              />
              <Group justify="space-between">
                <Text>
                  {c.completedAt
                    ? t("academyLearn.completed")
                    : t("academyLearn.progress", { percent: c.percent })}
                </Text>
                {c.resumeLessonId && (
                  <Button onClick={start} loading={enroll.isPending}>
                    {!c.enrolled
                      ? t("academyLearn.enroll")
                      : c.percent > 0
                        ? t("academyLearn.resume")
                        : t("academyLearn.start")}
                  </Button>
                )}
              </Group>
              {enroll.error && (
                <Alert color="red" role="alert">
                  {enroll.error.message}
                </Alert>
              )}
            </Stack>
          </Paper>
          <ModuleList course={c} />
        </>
      )}
    </Stack>
  );
}
