import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { AcademyReport } from "../../../../contracts/academy-report.ts";
import { useAcademyReportText } from "./academyReportText.ts";
import { percent } from "./format.ts";

function Section(props: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={props.title}>
      <Title order={2} size="h4">
        {props.title}
      </Title>
      {props.hint && (
        <Text size="sm" c="dimmed">
          {props.hint}
        </Text>
      )}
      <Stack mt="sm" gap="sm">
        {props.children}
      </Stack>
    </Paper>
  );
}

export function TotalsSection(props: { report: AcademyReport }) {
  const { t } = useAcademyReportText();
  const keys = ["registrations", "attended", "enrollments", "completions", "certificatesIssued"] as const;
  return (
    <Section title={t("academyReport.totals.title")}>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {keys.map((k) => (
          <div key={k}>
            <Text size="xl" fw={700}>
              {props.report.totals[k]}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`academyReport.totals.${k}`)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Section>
  );
}

export function CoursesSection(props: { report: AcademyReport }) {
  const { t } = useAcademyReportText();
  const { courses, minSample } = props.report;
  return (
    <Section title={t("academyReport.courses.title")} hint={t("academyReport.courses.hint")}>
      {courses.length === 0 ? (
        <Text>{t("academyReport.courses.empty")}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("academyReport.courses.course")}</Table.Th>
              <Table.Th scope="col">{t("academyReport.courses.enrollments")}</Table.Th>
              <Table.Th scope="col">{t("academyReport.courses.completed")}</Table.Th>
              <Table.Th scope="col">{t("academyReport.courses.rate")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {courses.map((c) => (
              <Table.Tr key={c.courseId}>
                <Table.Th scope="row">{c.title}</Table.Th>
                <Table.Td>{c.enrollments}</Table.Td>
                <Table.Td>{c.completed}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <span>{percent(c.completionRate)}</span>
                    {c.tooFew && c.enrollments > 0 && (
                      <Badge variant="light" color="gray">
                        {t("academyReport.courses.small", { min: minSample })}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function DropOffSection(props: { report: AcademyReport }) {
  const { t } = useAcademyReportText();
  return (
    <Section title={t("academyReport.dropOff.title")} hint={t("academyReport.dropOff.hint")}>
      {props.report.dropOff.length === 0 && <Text>{t("academyReport.dropOff.empty")}</Text>}
      {props.report.dropOff.map((course) => (
        <div key={course.courseId}>
          <Title order={3} size="h5">
            {course.title}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("academyReport.dropOff.lesson")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.dropOff.reached")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.dropOff.stopped")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {course.lessons.map((l) => (
                <Table.Tr key={l.lessonId}>
                  <Table.Th scope="row">{`${l.order}. ${l.title}`}</Table.Th>
                  <Table.Td>{l.reached}</Table.Td>
                  <Table.Td>{l.stoppedHere}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {t("academyReport.dropOff.notStarted", { count: course.notStarted })}
          </Text>
        </div>
      ))}
    </Section>
  );
}

export function FailedQuestionsSection(props: { report: AcademyReport }) {
  const { t } = useAcademyReportText();
  const items = props.report.failedQuestions;
  return (
    <Section title={t("academyReport.failed.title")}>
      {items.length === 0 ? (
        <Text>{t("academyReport.failed.empty")}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("academyReport.failed.question")}</Table.Th>
              <Table.Th scope="col">{t("academyReport.failed.where")}</Table.Th>
              <Table.Th scope="col">{t("academyReport.failed.wrong")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((q) => (
              <Table.Tr key={q.questionId}>
                <Table.Th scope="row">{q.prompt}</Table.Th>
                <Table.Td>{`${q.courseTitle} › ${q.lessonTitle}`}</Table.Td>
                <Table.Td>{`${q.wrong}/${q.answers} (${percent(q.wrongShare)})`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export { Section };
