import { Alert, Anchor, Badge, Loader, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useMe } from "../auth/session.ts";
import { AppealsSection } from "./AppealsSection.tsx";
import { useReviewQueue } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";
import { ReportsSection } from "./ReportsSection.tsx";
import { SettingsSection } from "./SettingsSection.tsx";

/** Staff protection for managers (issue #20): the review queue, appeals, reports, settings. */
export function ConductPage() {
  const { t } = useConductText();
  const admin = useMe().data?.permissions.includes("team.manage") ?? false;
  return (
    <Stack p="md" gap="lg" maw={1200}>
      <Title order={1}>{t("conduct.title")}</Title>
      <Text c="dimmed">{t("conduct.intro")}</Text>
      <Tabs defaultValue="queue" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="queue">{t("conduct.tabs.queue")}</Tabs.Tab>
          <Tabs.Tab value="appeals">{t("conduct.tabs.appeals")}</Tabs.Tab>
          <Tabs.Tab value="reports">{t("conduct.tabs.reports")}</Tabs.Tab>
          {admin && <Tabs.Tab value="settings">{t("conduct.tabs.settings")}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          <QueueSection />
        </Tabs.Panel>
        <Tabs.Panel value="appeals" pt="md">
          <AppealsSection />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <ReportsSection />
        </Tabs.Panel>
        {admin && (
          <Tabs.Panel value="settings" pt="md">
            <SettingsSection />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function QueueSection() {
  const { t } = useConductText();
  const queue = useReviewQueue();
  if (queue.isPending) return <Loader size="sm" />;
  if (queue.isError)
    return <Alert color="red">{t("conduct.loadError", { message: queue.error.message })}</Alert>;
  if (queue.data.items.length === 0)
    return <Text c="dimmed">{t("conduct.queue.empty", { threshold: queue.data.threshold })}</Text>;
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("conduct.queue.customer")}</Table.Th>
          <Table.Th>{t("conduct.queue.score")}</Table.Th>
          <Table.Th>{t("conduct.queue.flags")}</Table.Th>
          <Table.Th>{t("conduct.queue.context")}</Table.Th>
          <Table.Th>{t("conduct.queue.step")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {queue.data.items.map((i) => (
          <Table.Tr key={i.customerId}>
            <Table.Td>
              <Anchor component={Link} to={`/app/conduct/customers/${i.customerId}`}>
                {i.customerName}
              </Anchor>
              {i.evidence[0] && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  “{i.evidence[0].excerpt}”
                </Text>
              )}
            </Table.Td>
            <Table.Td>{i.score.toFixed(2)}</Table.Td>
            <Table.Td>{i.confirmedFlags}</Table.Td>
            <Table.Td>
              <Text size="sm">
                {t("conduct.queue.contextLine", {
                  problems: i.context.openProblems,
                  repeats: i.context.repeatContacts,
                  breaches: i.context.slaBreaches,
                  negative: i.context.negativeSurveys,
                })}
              </Text>
            </Table.Td>
            <Table.Td>
              {i.stepInForce ? (
                <Badge variant="light">{t(`conduct.step.kinds.${i.stepInForce.kind}`)}</Badge>
              ) : (
                t("conduct.queue.none")
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
