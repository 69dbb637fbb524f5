import "@mantine/charts/styles.css";
import { Alert, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { ChurnedSection } from "./ChurnedSection.tsx";
import { CohortsSection } from "./CohortsSection.tsx";
import { type Period, useRetentionDashboard } from "./retentionApi.ts";
import { useRetentionText } from "./retentionText.ts";
import { OffersSection, OverallSection, SplitSection } from "./SplitSection.tsx";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The retention dashboard (issue #19): splits, offers beside CSAT, cohorts, and who churned. */
export function RetentionPage() {
  const { t } = useRetentionText();
  const now = new Date();
  const [period, setPeriod] = useState<Period>({
    from: day(new Date(now.getTime() - 182 * 86_400_000)),
    to: day(now),
  });
  const dashboard = useRetentionDashboard(period);
  const change = (which: keyof Period, value: string) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setPeriod({ ...period, [which]: value });
  };
  return (
    <Stack p="md" gap="lg" maw={1200}>
      <Title order={1}>{t("retention.title")}</Title>
      <Text c="dimmed">{t("retention.intro")}</Text>
      <Group>
        <TextInput
          type="date"
          label={t("retention.from")}
          value={period.from}
          onChange={(e) => change("from", e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("retention.to")}
          value={period.to}
          onChange={(e) => change("to", e.currentTarget.value)}
        />
      </Group>
      {dashboard.isPending && <Loader size="sm" />}
      {dashboard.isError && (
        <Alert color="red">{t("retention.loadError", { message: dashboard.error.message })}</Alert>
      )}
      {dashboard.data && (
        <>
          <OverallSection dashboard={dashboard.data} />
          {dashboard.data.splits.map((s) => (
            <SplitSection
              key={s.split}
              split={s.split}
              groups={s.groups}
              min={dashboard.data.minSample}
              period={period}
            />
          ))}
          <OffersSection dashboard={dashboard.data} />
        </>
      )}
      <CohortsSection period={period} />
      <ChurnedSection period={period} />
    </Stack>
  );
}
