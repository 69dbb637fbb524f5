import { LineChart } from "@mantine/charts";
import { Loader, Paper, Table, Text } from "@mantine/core";
import { downloadCsv, type Period, useCohorts } from "./retentionApi.ts";
import { useRetentionText } from "./retentionText.ts";
import { SectionHeader } from "./SectionParts.tsx";

const COLORS = ["teal.6", "blue.6", "grape.6", "orange.6", "cyan.6", "pink.6", "lime.7", "indigo.6"];

/** Cohort curves: only cohorts big enough are drawn; the table lists every cohort with its size. */
export function CohortsSection(props: { period: Period }) {
  const { t } = useRetentionText();
  const cohorts = useCohorts(props.period);
  const data = cohorts.data;
  const drawn = (data?.cohorts ?? []).filter((c) => !c.tooFew);
  const offsets = Math.max(0, ...(data?.cohorts ?? []).flatMap((c) => c.points.map((p) => p.offset + 1)));
  const rows = Array.from({ length: offsets }, (_, k) => {
    const row: Record<string, number | string | null> = { month: k };
    for (const c of drawn) {
      const share = c.points.find((p) => p.offset === k)?.share;
      if (share !== undefined && share !== null) row[c.month] = Math.round(share * 1000) / 10;
    }
    return row;
  });
  const columns = Array.from({ length: Math.min(offsets, 6) }, (_, k) => k);
  const csv = () =>
    downloadCsv(`retention-cohorts-${props.period.from}-${props.period.to}.csv`, [
      ["cohort", "size", "month", "retained", "share"],
      ...(data?.cohorts ?? []).flatMap((c) =>
        c.points.map((p) => [c.month, c.size, p.offset, p.retained, p.share]),
      ),
    ]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t("retention.cohorts.title")}>
      <SectionHeader title={t("retention.cohorts.title")} onCsv={csv} />
      <Text size="sm" c="dimmed">
        {t("retention.cohorts.hint", { min: data?.minSample ?? 30 })}
      </Text>
      {cohorts.isPending && <Loader size="sm" />}
      {data && data.cohorts.length === 0 && <Text mt="sm">{t("retention.cohorts.empty")}</Text>}
      {drawn.length > 0 && rows.length > 0 && (
        <LineChart
          h={220}
          mt="sm"
          data={rows}
          dataKey="month"
          series={drawn
            .slice(0, COLORS.length)
            .map((c, i) => ({ name: c.month, color: COLORS[i] as string }))}
          yAxisProps={{ domain: [0, 100] }}
          unit="%"
          connectNulls={false}
        />
      )}
      {data && data.cohorts.length > 0 && (
        <Table mt="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("retention.cohorts.cohort")}</Table.Th>
              <Table.Th scope="col">{t("retention.cohorts.size")}</Table.Th>
              {columns.map((k) => (
                <Table.Th scope="col" key={k}>
                  {t("retention.cohorts.month", { n: k })}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.cohorts.map((c) => (
              <Table.Tr key={c.month}>
                <Table.Th scope="row">{c.month}</Table.Th>
                <Table.Td>{t("retention.customers", { count: c.size })}</Table.Td>
                {columns.map((k) => {
                  const p = c.points.find((x) => x.offset === k);
                  return (
                    <Table.Td key={k}>
                      {p?.share != null
                        ? `${Math.round(p.share * 1000) / 10}%`
                        : p
                          ? `${p.retained}/${c.size}`
                          : ""}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
