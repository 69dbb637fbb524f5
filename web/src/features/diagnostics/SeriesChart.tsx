import { Box, Table, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatSeconds } from "./paths.ts";

type Point = { snapshotId: string; capturedAt: string; value: number };

const W = 640;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(5))));

/**
 * One numeric value over time as an inline SVG line (oldest left), with a title and
 * description for assistive technology and a table of the same points underneath.
 */
export function SeriesChart(props: { path: string; points: Point[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { points } = props;
  if (points.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("diagnostics.chartEmpty")}
      </Text>
    );
  const values = points.map((p) => p.value);
  const times = points.map((p) => Date.parse(p.capturedAt));
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (time: number) =>
    t1 === t0
      ? (PAD.left + W - PAD.right) / 2
      : PAD.left + ((time - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const line = points.map(
    (p, i) => `${i === 0 ? "M" : "L"}${x(times[i] ?? 0).toFixed(1)},${y(p.value).toFixed(1)}`,
  );
  const label = t("diagnostics.chartLabel", {
    path: props.path,
    count: points.length,
    min: fmt(Math.min(...values)),
    max: fmt(Math.max(...values)),
  });
  const first = points[0];
  const last = points[points.length - 1];

  return (
    <div>
      <Box maw={W} style={{ overflow: "hidden" }}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          data-testid="series-chart"
        >
          <title id={`${id}-title`}>{props.path}</title>
          <desc id={`${id}-desc`}>{label}</desc>
          <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#868e96" />
          <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#868e96" />
          <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" fontSize="11" fill="#495057">
            {fmt(max)}
          </text>
          <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" fontSize="11" fill="#495057">
            {fmt(min)}
          </text>
          {first && (
            <text x={PAD.left} y={H - 8} fontSize="11" fill="#495057">
              {formatSeconds(first.capturedAt, i18n.language)}
            </text>
          )}
          {last && points.length > 1 && (
            <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="11" fill="#495057">
              {formatSeconds(last.capturedAt, i18n.language)}
            </text>
          )}
          <path d={line.join(" ")} fill="none" stroke="#1971c2" strokeWidth={2} />
          {points.map((p, i) => (
            <circle key={p.snapshotId} cx={x(times[i] ?? 0)} cy={y(p.value)} r={3.5} fill="#1971c2" />
          ))}
        </svg>
      </Box>
      <details>
        <summary>
          <Text span size="sm">
            {t("diagnostics.chartTable")}
          </Text>
        </summary>
        <Table aria-label={t("diagnostics.chartTableLabel", { path: props.path })} maw={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("diagnostics.columns.time")}</Table.Th>
              <Table.Th scope="col">{t("diagnostics.chartValue")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.snapshotId}>
                <Table.Td>{formatSeconds(p.capturedAt, i18n.language)}</Table.Td>
                <Table.Td ff="monospace">{fmt(p.value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </div>
  );
}
