import { LineChart } from "@mantine/charts";
import { Badge, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { AcademyReport, Comparison } from "../../../../contracts/academy-report.ts";
import { Section } from "./ActivitySections.tsx";
import { useAcademyReportText } from "./academyReportText.ts";
import { percent, rate } from "./format.ts";

type Curve = AcademyReport["trained"]["contactCurve"];

const shown = (c: Comparison, v: number | null) => (c.metric === "contactRate" ? rate(v) : percent(v));
const diff = (c: Comparison, v: number | null) =>
  v === null ? "–" : c.metric === "contactRate" ? v.toFixed(2) : `${Math.round(v * 1000) / 10} pt`;

function Verdict(props: { verdict: Comparison["verdict"] }) {
  const { t } = useAcademyReportText();
  const color = props.verdict === "notEnoughData" ? "gray" : "blue";
  return (
    <Badge variant="light" color={color}>
      {t(`academyReport.trained.verdicts.${props.verdict}`)}
    </Badge>
  );
}

/** A pair of curves (trained, untrained) by month after; points under the sample minimum are gaps. */
function CurveChart(props: { title: string; curve: Curve; unit?: string; scale: number }) {
  const { t } = useAcademyReportText();
  const trained = t("academyReport.trained.series.trained");
  const untrained = t("academyReport.trained.series.untrained");
  const data = props.curve.map((p) => ({
    month: t("academyReport.trained.monthAfter", { n: p.offset }),
    [trained]: p.trained.value === null ? null : Math.round(p.trained.value * props.scale * 100) / 100,
    [untrained]: p.untrained.value === null ? null : Math.round(p.untrained.value * props.scale * 100) / 100,
  }));
  const drawable = props.curve.some((p) => p.trained.value !== null || p.untrained.value !== null);
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {props.title}
      </Title>
      {drawable && (
        <LineChart
          h={200}
          data={data}
          dataKey="month"
          series={[
            { name: trained, color: "teal.6" },
            { name: untrained, color: "orange.6" },
          ]}
          unit={props.unit}
          connectNulls={false}
          withLegend
        />
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("academyReport.trained.cohortMonth")}</Table.Th>
            <Table.Th scope="col">{trained}</Table.Th>
            <Table.Th scope="col">{untrained}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.curve.map((p, i) => (
            <Table.Tr key={p.offset}>
              <Table.Th scope="row">{data[i]?.month}</Table.Th>
              {[p.trained, p.untrained].map((g, j) => (
                <Table.Td key={j === 0 ? "t" : "u"}>
                  {`${g.value === null ? "–" : props.unit === "%" ? percent(g.value) : rate(g.value)} (${t("academyReport.trained.sample", { n: g.n })})`}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function TrainedSection(props: { report: AcademyReport }) {
  const { t } = useAcademyReportText();
  const tr = props.report.trained;
  return (
    <Section
      title={t("academyReport.trained.title")}
      hint={t("academyReport.trained.hint", { months: tr.followMonths, min: props.report.minSample })}
    >
      {tr.cohorts.length === 0 ? (
        <Text>{t("academyReport.trained.empty")}</Text>
      ) : (
        <>
          <Table striped aria-label={t("academyReport.trained.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("academyReport.trained.metric")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.trained.trainedCol")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.trained.untrainedCol")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.trained.difference")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.trained.verdict")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tr.comparisons.map((c) => (
                <Table.Tr key={c.metric}>
                  <Table.Th scope="row">{t(`academyReport.trained.metrics.${c.metric}`)}</Table.Th>
                  <Table.Td>
                    {shown(c, c.trained.value)} ({t("academyReport.trained.sample", { n: c.trained.n })})
                  </Table.Td>
                  <Table.Td>
                    {shown(c, c.untrained.value)} ({t("academyReport.trained.sample", { n: c.untrained.n })})
                  </Table.Td>
                  <Table.Td>
                    {c.difference === null
                      ? "–"
                      : `${diff(c, c.difference)} (${diff(c, c.low)} … ${diff(c, c.high)})`}
                  </Table.Td>
                  <Table.Td>
                    <Verdict verdict={c.verdict} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {t("academyReport.trained.curveHint", { min: props.report.minSample })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CurveChart title={t("academyReport.trained.contactCurve")} curve={tr.contactCurve} scale={1} />
            <CurveChart
              title={t("academyReport.trained.retentionCurve")}
              curve={tr.retentionCurve}
              unit="%"
              scale={100}
            />
          </SimpleGrid>
          <Title order={3} size="h5">
            {t("academyReport.trained.cohorts")}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("academyReport.trained.cohortMonth")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.trained.trainedCol")}</Table.Th>
                <Table.Th scope="col">{t("academyReport.trained.untrainedCol")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tr.cohorts.map((c) => (
                <Table.Tr key={c.month}>
                  <Table.Th scope="row">{c.month}</Table.Th>
                  <Table.Td>{c.trained}</Table.Td>
                  <Table.Td>{c.untrained}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Section>
  );
}
