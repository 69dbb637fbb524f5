import { Alert, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useSurveySummary } from "./surveysApi.ts";
import { useSurveysText } from "./surveysText.ts";

/** CSAT and CES per agent or team (of the time of the solve), with the counts behind them. */
export function ResultsPanel() {
  const { t } = useSurveysText();
  const [by, setBy] = useState<"agent" | "team">("agent");
  const summary = useSurveySummary(by);
  const rows = summary.data?.items ?? [];
  return (
    <Stack>
      <SegmentedControl
        aria-label={t("surveys.results.by")}
        value={by}
        onChange={(v) => setBy(v as "agent" | "team")}
        data={[
          { value: "agent", label: t("surveys.results.agent") },
          { value: "team", label: t("surveys.results.team") },
        ]}
        style={{ alignSelf: "flex-start" }}
      />
      {summary.error ? (
        <Alert color="red">{t("surveys.loadError", { message: summary.error.message })}</Alert>
      ) : rows.length === 0 && !summary.isPending ? (
        <Text c="dimmed">{t("surveys.results.empty")}</Text>
      ) : (
        <Table aria-label={t("surveys.tabs.results")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("surveys.results.name")}</Table.Th>
              <Table.Th>{t("surveys.results.csat")}</Table.Th>
              <Table.Th>{t("surveys.results.ces")}</Table.Th>
              <Table.Th>{t("surveys.results.answers")}</Table.Th>
              <Table.Th>{t("surveys.results.negative")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id ?? "none"}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.csatPositivePercent === null ? "—" : `${r.csatPositivePercent} %`}</Table.Td>
                <Table.Td>{r.cesAverage ?? "—"}</Table.Td>
                <Table.Td>{r.csatCount + r.cesCount}</Table.Td>
                <Table.Td>{r.negativeCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
