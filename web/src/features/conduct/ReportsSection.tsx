import { Alert, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useConductReport } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";

/** Flags by month and outcome, time to decision, and who is most exposed (for care). */
export function ReportsSection() {
  const { t } = useConductText();
  const report = useConductReport();
  if (report.isPending) return <Loader size="sm" />;
  if (report.isError)
    return <Alert color="red">{t("conduct.loadError", { message: report.error.message })}</Alert>;
  const r = report.data;
  return (
    <Stack>
      <Title order={2} size="h4">
        {t("conduct.reports.months")}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("conduct.reports.month")}</Table.Th>
            <Table.Th>{t("conduct.reports.flagged")}</Table.Th>
            <Table.Th>{t("conduct.reports.confirmed")}</Table.Th>
            <Table.Th>{t("conduct.reports.cleared")}</Table.Th>
            <Table.Th>{t("conduct.reports.unconfirmed")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.months.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>{m.month}</Table.Td>
              <Table.Td>{m.flagged}</Table.Td>
              <Table.Td>{m.confirmed}</Table.Td>
              <Table.Td>{m.cleared}</Table.Td>
              <Table.Td>{m.unconfirmed}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text>
        {r.averageHoursToDecision === null
          ? t("conduct.reports.noDecisions")
          : t("conduct.reports.average", { hours: r.averageHoursToDecision, count: r.decisions })}
      </Text>
      <Title order={2} size="h4">
        {t("conduct.reports.exposed")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("conduct.reports.exposedNote")}
      </Text>
      {r.agentsExposed.length === 0 ? (
        <Text c="dimmed">{t("conduct.reports.none")}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {r.agentsExposed.map((a) => (
              <Table.Tr key={a.membershipId}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>
                  {a.abusiveMessages} {t("conduct.reports.messages")}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
