import { Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { type Period, useChurned } from "./retentionApi.ts";
import { useRetentionText } from "./retentionText.ts";
import { SectionHeader, TitledList } from "./SectionParts.tsx";

/** Each customer who churned in the period, with the cases, surveys and repeat contacts of their last 90 days. */
export function ChurnedSection(props: { period: Period }) {
  const { t, i18n } = useRetentionText();
  const churned = useChurned(props.period);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t("retention.churned.title")}>
      <SectionHeader title={t("retention.churned.title")} />
      {churned.isPending && <Loader size="sm" />}
      {churned.data?.items.length === 0 && <Text mt="sm">{t("retention.churned.empty")}</Text>}
      <Stack mt="sm" gap="sm">
        {churned.data?.items.map((c) => (
          <Paper
            key={c.customer.id}
            withBorder
            p="sm"
            radius="sm"
            component="article"
            aria-label={c.customer.name}
          >
            <Group gap="xs">
              <Anchor component={Link} to={`/app/customers/${c.customer.id}`} fw={600}>
                {c.customer.name}
              </Anchor>
              <Badge color="red" variant="light">
                {t("retention.churned.churnedOn", { date: date(c.churnedAt) })}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
              <TitledList
                title={t("retention.churned.cases")}
                items={c.cases}
                keyOf={(k) => k.id}
                render={(k) => (
                  <>
                    <Anchor component={Link} to={`/app/cases/${k.id}`}>
                      #{k.number} {k.subject}
                    </Anchor>{" "}
                    <Text span size="xs" c="dimmed">
                      {date(k.createdAt)} · {k.status}
                    </Text>
                  </>
                )}
              />
              <TitledList
                title={t("retention.churned.surveys")}
                items={c.surveys}
                keyOf={(s) => `${s.caseId}-${s.kind}`}
                render={(s) => (
                  <>
                    <Anchor component={Link} to={`/app/cases/${s.caseId}`}>
                      {t("retention.churned.rating", {
                        kind: s.kind.toUpperCase(),
                        rating: s.rating,
                        sentiment: s.sentiment,
                      })}
                    </Anchor>
                    {s.comment && (
                      <Text size="xs" c="dimmed">
                        “{s.comment}”
                      </Text>
                    )}
                  </>
                )}
              />
              <TitledList
                title={t("retention.churned.repeats")}
                items={c.repeats}
                keyOf={(r) => r.caseId}
                render={(r) => (
                  <Anchor component={Link} to={`/app/cases/${r.caseId}`}>
                    {t("retention.churned.repeat", { reason: r.reason })}
                  </Anchor>
                )}
              />
            </SimpleGrid>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
