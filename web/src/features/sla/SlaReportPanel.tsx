import { Alert, Group, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTeams } from "../inbox/inboxApi.ts";
import { type Attainment, useSlaReport } from "./slaApi.ts";
import { useSlaText } from "./slaText.ts";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** "9 of 10 · 90 %": what was kept, of how many, so a small team's 100 % reads as such. */
function rate(a: Attainment | undefined) {
  if (!a || a.met + a.breached === 0) return "—";
  const share = a.attainment ?? a.met / (a.met + a.breached);
  return `${a.met} / ${a.met + a.breached} · ${Math.round(share * 100)} %`;
}

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
              <Table.Th>{t("slaAdmin.report.firstReply")}</Table.Th>
              <Table.Th>{t("slaAdmin.report.nextReply")}</Table.Th>
              <Table.Th>{t("slaAdmin.report.resolution")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.teamId ?? "none"}>
                <Table.Td>{name(r.teamId, r.teamName)}</Table.Td>
                <Table.Td>{rate(r.firstReply)}</Table.Td>
                <Table.Td>{rate(r.nextReply)}</Table.Td>
                <Table.Td>{rate(r.resolution)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
