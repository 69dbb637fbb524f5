import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import { METRICS, type Metric, useReportCases } from "./reportsApi.ts";
import { useReportsText } from "./reportsText.ts";

const UNITS: Record<Metric, "minutes" | "flag" | "score"> = {
  "first-reply-time": "minutes",
  "next-reply-time": "minutes",
  "resolution-time": "minutes",
  "one-touch": "flag",
  "reopen-rate": "flag",
  "repeat-contact-rate": "flag",
  backlog: "minutes",
  csat: "score",
  ces: "score",
};

/**
 * /app/reports/:metric/cases: the cases behind one figure (same parameters as the report, plus
 * the figure's bucket), paged, each opening its case.
 */
export function ReportCasesPage() {
  const { t } = useReportsText();
  const { metric: raw } = useParams();
  const [search, setSearch] = useSearchParams();
  const metric = (METRICS as readonly string[]).includes(raw ?? "") ? (raw as Metric) : "first-reply-time";
  const page = Number(search.get("page") ?? "1") || 1;
  const cases = useReportCases(metric, search.toString());
  const back = new URLSearchParams(search);
  for (const k of ["bucket", "page", "limit"]) back.delete(k);
  back.set("metric", metric);
  const pages = cases.data ? Math.max(1, Math.ceil(cases.data.total / cases.data.limit)) : 1;
  const goTo = (p: number) => {
    const next = new URLSearchParams(search);
    next.set("page", String(p));
    setSearch(next);
  };
  const value = (v: number | null) => {
    if (v === null) return "—";
    const unit = UNITS[metric];
    if (unit === "flag") return v ? "✓" : "—";
    if (unit === "score") return String(v);
    return v >= 120
      ? t("reports.hours", { value: (v / 60).toFixed(1) })
      : t("reports.minutes", { value: Math.round(v) });
  };
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/app/reports?${back.toString()}`}>
        {t("reports.cases.back")}
      </Anchor>
      <Title order={1}>{t("reports.cases.title", { metric: t(`reports.metrics.${metric}`) })}</Title>
      {search.get("bucket") && (
        <Text c="dimmed">{t("reports.cases.bucket", { bucket: search.get("bucket") })}</Text>
      )}
      {cases.error ? (
        <Alert color="red">{t("reports.loadError", { message: cases.error.message })}</Alert>
      ) : cases.data && cases.data.items.length === 0 ? (
        <Text c="dimmed">{t("reports.cases.empty")}</Text>
      ) : cases.data ? (
        <>
          <Text size="sm">{t("reports.casesCount", { count: cases.data.total })}</Text>
          <Table aria-label={t("reports.cases.title", { metric: t(`reports.metrics.${metric}`) })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("reports.cases.number")}</Table.Th>
                <Table.Th>{t("reports.cases.subject")}</Table.Th>
                <Table.Th>{t("reports.cases.status")}</Table.Th>
                <Table.Th>{t("reports.cases.channel")}</Table.Th>
                <Table.Th>{t("reports.cases.created")}</Table.Th>
                <Table.Th>{t("reports.cases.value")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>#{c.number}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/app/cases/${c.id}`}>
                      {c.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.status}</Table.Td>
                  <Table.Td>{c.channel}</Table.Td>
                  <Table.Td>{new Date(c.createdAt).toLocaleString()}</Table.Td>
                  <Table.Td>{value(c.value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {pages > 1 && (
            <Group>
              <Button variant="default" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                {t("reports.cases.prev")}
              </Button>
              <Text size="sm">{t("reports.cases.page", { page, pages })}</Text>
              <Button variant="default" disabled={page >= pages} onClick={() => goTo(page + 1)}>
                {t("reports.cases.next")}
              </Button>
            </Group>
          )}
        </>
      ) : null}
    </Stack>
  );
}
