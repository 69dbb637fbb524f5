import "@mantine/charts/styles.css";
import { Alert, Anchor, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import {
  CoursesSection,
  DropOffSection,
  FailedQuestionsSection,
  TotalsSection,
} from "./ActivitySections.tsx";
import { type Period, useAcademyReport } from "./academyReportApi.ts";
import { useAcademyReportText } from "./academyReportText.ts";
import { TrainedSection } from "./TrainedSection.tsx";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The academy report (issue #21): activity in a period, and trained against untrained customers. */
export function AcademyReportPage() {
  const { t } = useAcademyReportText();
  const now = new Date();
  const [period, setPeriod] = useState<Period>({
    from: day(new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1))),
    to: day(now),
  });
  const report = useAcademyReport(period);
  const change = (which: keyof Period, value: string) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setPeriod({ ...period, [which]: value });
  };
  return (
    <Stack p="md" gap="lg" maw={1200}>
      <Group justify="space-between">
        <Title order={1}>{t("academyReport.title")}</Title>
        <Anchor component={Link} to="/app/academy/paths">
          {t("academyReport.navPaths")}
        </Anchor>
      </Group>
      <Text c="dimmed">{t("academyReport.intro")}</Text>
      <Group>
        <TextInput
          type="date"
          label={t("academyReport.from")}
          value={period.from}
          onChange={(e) => change("from", e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("academyReport.to")}
          value={period.to}
          onChange={(e) => change("to", e.currentTarget.value)}
        />
      </Group>
      {report.isPending && <Loader size="sm" />}
      {report.isError && (
        <Alert color="red">{t("academyReport.loadError", { message: report.error.message })}</Alert>
      )}
      {report.data && (
        <>
          <TotalsSection report={report.data} />
          <CoursesSection report={report.data} />
          <TrainedSection report={report.data} />
          <DropOffSection report={report.data} />
          <FailedQuestionsSection report={report.data} />
        </>
      )}
    </Stack>
  );
}
