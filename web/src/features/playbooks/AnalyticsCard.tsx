import { Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useAnalytics } from "./playbooksApi.ts";
import { usePlaybooksText } from "./playbooksText.ts";

const percent = (share: number) => `${Math.round(share * 100)} %`;

function Figure(props: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {props.label}
      </Text>
      <Text fw={700} fz="xl">
        {props.value}
      </Text>
    </Stack>
  );
}

/** How runs of this playbook ended, and where people gave up most (where the wording confuses). */
export function AnalyticsCard(props: { playbookId: string }) {
  const { t } = usePlaybooksText();
  const a = useAnalytics(props.playbookId).data;
  if (!a) return null;
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="pb-analytics">
      <Stack gap="sm">
        <Title order={2} size="h5" id="pb-analytics">
          {t("playbooks.analytics")}
        </Title>
        <SimpleGrid cols={4} data-testid="analytics">
          <Figure label={t("playbooks.runs")} value={String(a.runs)} />
          <Figure label={t("playbooks.resolved")} value={percent(a.shares.resolved)} />
          <Figure label={t("playbooks.escalated")} value={percent(a.shares.escalated)} />
          <Figure label={t("playbooks.abandoned")} value={percent(a.shares.abandoned)} />
        </SimpleGrid>
        <Group>
          <Text size="sm">
            {a.mostAbandonedStep
              ? t("playbooks.mostAbandoned", {
                  title: a.mostAbandonedStep.title,
                  count: a.mostAbandonedStep.count,
                })
              : t("playbooks.noAbandoned")}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
