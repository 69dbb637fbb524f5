import { BarChart } from "@mantine/charts";
import { Group, Paper, Table, Text, Title } from "@mantine/core";
import type { RetentionDashboard, RetentionGroup } from "../../../../contracts/retention-dashboard.ts";
import { downloadCsv, type Period } from "./retentionApi.ts";
import { useRetentionText } from "./retentionText.ts";
import { SectionHeader } from "./SectionParts.tsx";

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

function RateCell(props: {
  value: number | null;
  tooFew: boolean;
  min: number;
  noValues?: boolean;
  answers?: boolean;
}) {
  const { t } = useRetentionText();
  if (props.value !== null) return <>{pct(props.value)}%</>;
  const why = props.noValues
    ? t("retention.noValues")
    : t(props.answers ? "retention.tooFewAnswers" : "retention.tooFew", { min: props.min });
  return (
    <Text span size="sm" c="dimmed">
      {why}
    </Text>
  );
}

export function OverallSection(props: { dashboard: RetentionDashboard }) {
  const { t } = useRetentionText();
  const o = props.dashboard.overall;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4">
        {t("retention.overall")}
      </Title>
      <Group gap="xl" mt="xs">
        <Text>
          {t("retention.retention")}:{" "}
          <RateCell value={o.retention} tooFew={o.tooFew} min={props.dashboard.minSample} />
        </Text>
        <Text>
          {t("retention.revenueRetention")}:{" "}
          <RateCell
            value={o.revenueRetention}
            tooFew
            min={props.dashboard.minSample}
            noValues={o.valued === 0}
          />
        </Text>
        <Text c="dimmed">
          {t("retention.sample")}: {t("retention.customers", { count: o.customers })}
        </Text>
      </Group>
    </Paper>
  );
}

/** One split: a bar chart of the groups that have a rate, and the table of every group with its size. */
export function SplitSection(props: {
  split: string;
  groups: RetentionGroup[];
  min: number;
  period: Period;
}) {
  const { t } = useRetentionText();
  const splitName = t(`retention.splits.${props.split}` as "retention.splits.csat");
  const label = (key: string) => t(`retention.keys.${key}` as "retention.keys.yes");
  const data = props.groups
    .filter((g) => g.retention !== null)
    .map((g) => ({ group: label(g.key), retention: pct(g.retention) }));
  const csv = () =>
    downloadCsv(`retention-${props.split}-${props.period.from}-${props.period.to}.csv`, [
      [
        "group",
        "customers",
        "retained",
        "retention",
        "valued",
        "revenue_start",
        "revenue_end",
        "revenue_retention",
      ],
      ...props.groups.map((g) => [
        g.key,
        g.customers,
        g.retained,
        g.retention,
        g.valued,
        g.revenueStart,
        g.revenueEnd,
        g.revenueRetention,
      ]),
    ]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={splitName}>
      <SectionHeader title={splitName} onCsv={csv} />
      {data.length > 0 && (
        <BarChart
          h={180}
          mt="sm"
          data={data}
          dataKey="group"
          series={[{ name: "retention", label: t("retention.retention"), color: "teal.6" }]}
          yAxisProps={{ domain: [0, 100] }}
          unit="%"
          aria-label={t("retention.chartLabel", { split: splitName })}
        />
      )}
      <Table mt="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{splitName}</Table.Th>
            <Table.Th scope="col">{t("retention.sample")}</Table.Th>
            <Table.Th scope="col">{t("retention.retained")}</Table.Th>
            <Table.Th scope="col">{t("retention.retention")}</Table.Th>
            <Table.Th scope="col">{t("retention.revenueRetention")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.groups.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Th scope="row">{label(g.key)}</Table.Th>
              <Table.Td>{t("retention.customers", { count: g.customers })}</Table.Td>
              <Table.Td>{g.retained}</Table.Td>
              <Table.Td>
                <RateCell value={g.retention} tooFew={g.tooFew} min={props.min} />
              </Table.Td>
              <Table.Td>
                <RateCell value={g.revenueRetention} tooFew min={props.min} noValues={g.valued === 0} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function OffersSection(props: { dashboard: RetentionDashboard }) {
  const { t } = useRetentionText();
  const d = props.dashboard;
  const csv = () =>
    downloadCsv(`retention-offers-${d.from}-${d.to}.csv`, [
      ["outcome", "cases", "csat_answers", "csat_positive", "csat_negative", "csat_positive_share"],
      ...d.offers.map((o) => [
        o.status,
        o.count,
        o.csatResponses,
        o.csatPositive,
        o.csatNegative,
        o.csatPositiveShare,
      ]),
    ]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t("retention.offers.title")}>
      <SectionHeader title={t("retention.offers.title")} onCsv={csv} />
      <Text size="sm" c="dimmed">
        {t("retention.offers.hint")}
      </Text>
      <Table mt="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("retention.offers.status")}</Table.Th>
            <Table.Th scope="col">{t("retention.offers.count")}</Table.Th>
            <Table.Th scope="col">{t("retention.offers.answers")}</Table.Th>
            <Table.Th scope="col">{t("retention.offers.positive")}</Table.Th>
            <Table.Th scope="col">{t("retention.offers.negative")}</Table.Th>
            <Table.Th scope="col">{t("retention.offers.share")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.offers.map((o) => (
            <Table.Tr key={o.status}>
              <Table.Th scope="row">{t(`retention.offers.${o.status}` as "retention.offers.none")}</Table.Th>
              <Table.Td>{o.count}</Table.Td>
              <Table.Td>{o.csatResponses}</Table.Td>
              <Table.Td>{o.csatPositive}</Table.Td>
              <Table.Td>{o.csatNegative}</Table.Td>
              <Table.Td>
                <RateCell value={o.csatPositiveShare} tooFew min={d.minSample} answers />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
