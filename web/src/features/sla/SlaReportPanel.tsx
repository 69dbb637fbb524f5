import { Alert, Group, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTeams } from "../inbox/inboxApi.ts";
import { useSlaReport } from "./slaApi.ts";
import { useSlaText } from "./slaText.ts";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** SLA attainment per team over a period (GET /api/v1/reports/sla). */
export function SlaReportPanel() {
  const { t } = useSlaText();
  const [from, setFrom] = useState(day(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(day(new Date()));
  const report = useSlaReport(
    new Date(`${from}T00:00:00`).toISOString(),
    new Date(`${to}T23:59:59`).toISOString(),
  );
  const teams = useTeams();
  const name = (id: string | null, given?: string | null) =>
    given ?? (id ? (teams.data?.items.find((x) => x.id === id)?.name ?? id) : t("slaAdmin.report.noTeam"));
  const rows = report.data ?? [];
  return (
    <>
      <Group mb="md">
        <TextInput
          type="date"
          label={t("slaAdmin.report.from")}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("slaAdmin.report.to")}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {report.error ? (
        <Alert color="red">{t("slaAdmin.loadError", { message: report.error.message })}</Alert>
      ) : report.data === null ? (
        <Text c="dimmed">{t("slaAdmin.unavailable")}</Text>
      ) : rows.length === 0 && !report.isPending ? (
        <Text c="dimmed">{t("slaAdmin.report.empty")}</Text>
      ) : (
        <Table aria-label={t("slaAdmin.tabs.report")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("slaAdmin.report.team")}</Table.Th>
              <Table.Th>{t("slaAdmin.report.cases")}</Table.Th>
              <Table.Th>{t("slaAdmin.report.met")}</Table.Th>
              <Table.Th>{t("slaAdmin.report.breached")}</Table.Th>
              <Table.Th>{t("slaAdmin.report.attainment")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const rate = r.attainment ?? (r.met + r.breached > 0 ? r.met / (r.met + r.breached) : null);
              return (
                <Table.Tr key={r.teamId ?? "none"}>
                  <Table.Td>{name(r.teamId, r.teamName)}</Table.Td>
                  <Table.Td>{r.cases}</Table.Td>
                  <Table.Td>{r.met}</Table.Td>
                  <Table.Td>{r.breached}</Table.Td>
                  <Table.Td>{rate === null ? "—" : `${Math.round(rate * 100)} %`}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
