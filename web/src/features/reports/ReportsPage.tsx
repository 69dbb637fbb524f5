import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { TFunction } from "i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTeams } from "../inbox/inboxApi.ts";
import {
  CHANNELS,
  GROUPS,
  type Group as GroupKey,
  METRICS,
  type Metric,
  type Report,
  reportParams,
  useReport,
} from "./reportsApi.ts";
import { useReportsText } from "./reportsText.ts";

const day = (d: Date) => d.toISOString().slice(0, 10);
const TIME_GROUPS = new Set(["day", "week", "month"]);

/** A figure as people read it: hours or minutes, a percentage, a score, a number of cases. */
export function formatFigure(t: TFunction, unit: Report["unit"], value: number | null): string {
  if (value === null) return "—";
  if (unit === "minutes")
    return value >= 120
      ? t("reports.hours", { value: (value / 60).toFixed(1) })
      : t("reports.minutes", { value: Math.round(value) });
  if (unit === "share") return t("reports.percent", { value: Math.round(value * 1000) / 10 });
  if (unit === "score") return value.toFixed(2);
  return String(value);
}

/**
 * /app/reports: one support metric over a period, on the business or the customer's clock,
 * as a chart (a line over time, bars by team/agent/channel/tag) and a table whose every figure
 * links to the cases behind it; the same report as CSV. State lives in the URL, so a view can be
 * shared and the back button returns to it from the cases.
 */
export function ReportsPage() {
  const { t } = useReportsText();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const metric = (METRICS as readonly string[]).includes(search.get("metric") ?? "")
    ? (search.get("metric") as Metric)
    : "first-reply-time";
  const state = {
    from: search.get("from") ?? day(new Date(Date.now() - 29 * 86_400_000)),
    to: search.get("to") ?? day(new Date()),
    groupBy: search.get("groupBy") ?? "week",
    clock: search.get("clock") ?? "business",
    team: search.get("team") ?? "",
    channel: search.get("channel") ?? "",
    tag: search.get("tag") ?? "",
  };
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setSearch(next, { replace: true });
  };
  const params = reportParams({ ...state, groupBy: state.groupBy === "none" ? undefined : state.groupBy });
  const report = useReport(metric, params);
  const teams = useTeams();
  const data = report.data;
  const unit = data?.unit ?? "minutes";
  const casesLink = (bucket?: string) =>
    `/app/reports/${metric}/cases?${reportParams({ ...state, groupBy: state.groupBy === "none" ? undefined : state.groupBy, bucket })}`;
  const groupLabel = t(`reports.groups.${(state.groupBy === "none" ? "none" : state.groupBy) as GroupKey}`);
  const countText = (n: number) =>
    metric === "csat" || metric === "ces"
      ? t("reports.answersCount", { count: n })
      : t("reports.casesCount", { count: n });
  const chartData = (data?.rows ?? []).map((r) => ({ key: r.label, value: r.value ?? 0, bucket: r.key }));
  const chartLabel = t("reports.chartLabel", { metric: t(`reports.metrics.${metric}`), group: groupLabel });

  return (
    <Stack gap="md">
      <Title order={1}>{t("reports.title")}</Title>
      <Text c="dimmed">
        {t("reports.intro")}{" "}
        <Anchor component={Link} to="/app/settings/sla" underline="always">
          {t("reports.slaLink")}
        </Anchor>
      </Text>
      <Group align="end" wrap="wrap">
        <NativeSelect
          label={t("reports.metric")}
          value={metric}
          onChange={(e) => set({ metric: e.currentTarget.value })}
          data={METRICS.map((m) => ({ value: m, label: t(`reports.metrics.${m}`) }))}
        />
        <NativeSelect
          label={t("reports.groupBy")}
          value={state.groupBy}
          onChange={(e) => set({ groupBy: e.currentTarget.value })}
          data={[
            { value: "none", label: t("reports.groups.none") },
            ...GROUPS.map((g) => ({ value: g, label: t(`reports.groups.${g}`) })),
          ]}
        />
        <TextInput
          type="date"
          label={t("reports.from")}
          value={state.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t("reports.to")}
          value={state.to}
          onChange={(e) => set({ to: e.currentTarget.value })}
        />
        <NativeSelect
          label={t("reports.team")}
          value={state.team}
          onChange={(e) => set({ team: e.currentTarget.value })}
          data={[
            { value: "", label: t("reports.anyTeam") },
            ...(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
          ]}
        />
        <NativeSelect
          label={t("reports.channel")}
          value={state.channel}
          onChange={(e) => set({ channel: e.currentTarget.value })}
          data={[
            { value: "", label: t("reports.anyChannel") },
            ...CHANNELS.map((c) => ({ value: c, label: c })),
          ]}
        />
        <TextInput
          label={t("reports.tag")}
          value={state.tag}
          onChange={(e) => set({ tag: e.currentTarget.value.trim() })}
          w={140}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="reports-clock">
          {t("reports.clock")}
        </Text>
        <SegmentedControl
          aria-labelledby="reports-clock"
          value={state.clock}
          onChange={(v) => set({ clock: v })}
          data={[
            { value: "business", label: t("reports.clocks.business") },
            { value: "customer", label: t("reports.clocks.customer") },
          ]}
          w="fit-content"
        />
        <Text size="xs" c="dimmed">
          {t(`reports.clockHelp.${state.clock === "customer" ? "customer" : "business"}`)}
        </Text>
      </Stack>

      {report.error ? (
        <Alert color="red">{t("reports.loadError", { message: report.error.message })}</Alert>
      ) : data ? (
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="sm">
            <div>
              <Text size="sm" c="dimmed">
                {t(`reports.metrics.${metric}`)} · {t("reports.total")}
              </Text>
              <Anchor
                component={Link}
                to={casesLink()}
                fz="xl"
                fw={700}
                aria-label={t("reports.showCases", { label: t("reports.total") })}
              >
                {formatFigure(t, unit, data.total.value)}
              </Anchor>
              <Text size="sm" c="dimmed">
                {countText(data.total.count)}
                {data.total.hits !== null && (metric === "csat" || metric === "ces") && data.total.count > 0
                  ? ` · ${t("reports.positive", { value: Math.round((data.total.hits / data.total.count) * 100) })}`
                  : ""}
              </Text>
            </div>
            <Button
              component="a"
              href={`/api/v1/reports/${metric}?${params}&format=csv`}
              variant="default"
              download
            >
              {t("reports.download")}
            </Button>
          </Group>
          {data.rows.length === 0 ? (
            <Text c="dimmed">{t("reports.empty")}</Text>
          ) : (
            <>
              <figure aria-label={chartLabel} style={{ margin: 0 }}>
                {TIME_GROUPS.has(data.groupBy ?? "") ? (
                  <LineChart
                    h={260}
                    data={chartData}
                    dataKey="key"
                    series={[{ name: "value", label: t(`reports.metrics.${metric}`) }]}
                    curveType="monotone"
                  />
                ) : (
                  <BarChart
                    h={260}
                    data={chartData}
                    dataKey="key"
                    series={[{ name: "value", label: t(`reports.metrics.${metric}`) }]}
                    barProps={{
                      cursor: "pointer",
                      onClick: (d: { payload?: { bucket?: string } }) =>
                        d.payload?.bucket && navigate(casesLink(d.payload.bucket)),
                    }}
                  />
                )}
              </figure>
              <Table mt="md" aria-label={chartLabel}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{groupLabel}</Table.Th>
                    <Table.Th>{t("reports.table.value")}</Table.Th>
                    <Table.Th>{t("reports.table.count")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>{r.label}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={casesLink(r.key)}
                          aria-label={t("reports.showCases", { label: r.label })}
                        >
                          {formatFigure(t, unit, r.value)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{countText(r.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Paper>
      ) : null}
    </Stack>
  );
}
