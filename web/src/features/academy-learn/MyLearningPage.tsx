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
  Title,
} from "@mantine/core";
import { IconCertificate, IconSchool } from "@tabler/icons-react";
import { Link } from "react-router";
import type { Enrollment } from "../../../../contracts/academy-learning.ts";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useEnrollments } from "./academyLearnApi.ts";
import { useAcademyText } from "./academyLearnText.ts";
import { CertificatesList } from "./CertificatesList.tsx";

function CourseCard(props: { e: Enrollment }) {
  const { t } = useAcademyText();
  const e = props.e;
  const to = e.lastLessonId
    ? `/portal/academy/lessons/${e.lastLessonId}`
    : `/portal/academy/courses/${e.slug}`;
  return (
    <Paper withBorder radius="lg" p="lg" component="li">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/portal/academy/courses/${e.slug}`} fw={600} size="lg">
              {e.title}
            </Anchor>
            <Text size="sm" c="dimmed" lineClamp={2}>
              {e.summary}
            </Text>
          </Stack>
          {e.completedAt ? (
            <Badge color="teal" variant="light">
              {t("academyLearn.completed")}
            </Badge>
          ) : (
            <Button
              component={Link}
              to={to}
              variant="light"
              aria-label={`${t("academyLearn.resume")}: ${e.title}`}
            >
              {t("academyLearn.resume")}
            </Button>
          )}
        </Group>
        <Progress value={e.percent} aria-label={t("academyLearn.progressLabel", { title: e.title })} />
        <Text size="sm">{t("academyLearn.progress", { percent: e.percent })}</Text>
      </Stack>
    </Paper>
  );
}

/** /portal/academy: the courses I take, with progress bars, and my certificates. */
export function MyLearningPage() {
  const { t } = useAcademyText();
  const enrollments = useEnrollments();
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <PageTitle>{t("academyLearn.title")}</PageTitle>
        <Text c="dimmed">{t("academyLearn.intro")}</Text>
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="my-courses">
        <Group justify="space-between">
          <Title order={2} size="h3" id="my-courses">
            {t("academyLearn.myCourses")}
          </Title>
          <Anchor href="/academy">{t("academyLearn.browse")}</Anchor>
        </Group>
        {enrollments.isError && (
          <Alert color="red" role="alert">
            {t("academyLearn.loadError", { message: enrollments.error.message })}
          </Alert>
        )}
        {enrollments.isPending ? (
          <Skeleton h={120} radius="lg" />
        ) : enrollments.data?.items.length === 0 ? (
          <EmptyState
            icon={<IconSchool size={32} aria-hidden />}
            title={t("academyLearn.noCourses")}
            body={t("academyLearn.intro")}
          />
        ) : (
          <Stack gap="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {enrollments.data?.items.map((e) => (
              <CourseCard key={e.courseId} e={e} />
            ))}
          </Stack>
        )}
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="my-certificates">
        <Group gap="xs">
          <IconCertificate size={22} aria-hidden />
          <Title order={2} size="h3" id="my-certificates">
            {t("academyLearn.certificates.title")}
          </Title>
        </Group>
        <CertificatesList />
      </Stack>
    </Stack>
  );
}
