import { Alert, Anchor, Center, Group, Loader, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { IconLifebuoy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { EscalationStatusBadge } from "./EscalationStatusBadge.tsx";
import { type QueueFilter, useEscalationQueue } from "./escalationsApi.ts";

/** The engineers' queue: escalated cases, the longest-waiting question first. */
export function EscalationQueuePage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<QueueFilter>("active");
  const queue = useEscalationQueue(filter);
  const items = queue.data?.items ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <PageTitle>{t("escalations.queueTitle")}</PageTitle>
        <SegmentedControl
          aria-label={t("escalations.filterLabel")}
          value={filter}
          onChange={(v) => setFilter(v as QueueFilter)}
          data={(["active", "mine", "closed"] as const).map((f) => ({
            value: f,
            label: t(`escalations.filters.${f}`),
          }))}
        />
      </Group>
      {queue.isPending ? (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : queue.isError ? (
        <Alert color="red">{queue.error.message}</Alert>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconLifebuoy size={28} />}
          title={t("escalations.emptyTitle")}
          body={t("escalations.emptyBody")}
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t("escalations.queueLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("escalations.columns.case")}</Table.Th>
                <Table.Th scope="col">{t("escalations.columns.summary")}</Table.Th>
                <Table.Th scope="col">{t("escalations.columns.status")}</Table.Th>
                <Table.Th scope="col">{t("escalations.columns.engineer")}</Table.Th>
                <Table.Th scope="col">{t("escalations.columns.tasks")}</Table.Th>
                <Table.Th scope="col">{t("escalations.columns.age")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-escalation-id={e.id}>
                  <Table.Td maw={320}>
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/app/escalations/${e.id}`} size="sm" fw={600}>
                        {t("escalations.caseRef", { number: e.caseNumber, subject: e.caseSubject })}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {e.customer.name}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" lineClamp={2}>
                      {e.summary}
                    </Text>
                  </Table.Td>
                  {/* min-content of a badge is its ellipsis: give the cell the badge's whole width */}
                  <Table.Td miw={110}>
                    <EscalationStatusBadge status={e.status} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={e.assignee ? undefined : "dimmed"}>
                      {e.assignee?.name ?? t("escalations.unassigned")}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.openTasks}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{formatDateTime(e.createdAt, i18n.language)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
