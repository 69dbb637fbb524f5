import { Box, Text } from "@mantine/core";
import { useProblemsText } from "./problemsText.ts";

const HEIGHT = 64;
const BAR = 8;
const GAP = 3;

/**
 * New linked cases per day for the last 30 days: hand-made SVG bars (a chart library would
 * weigh more than the whole page). Each bar has a tooltip; screen readers get a one-line
 * summary instead of 30 numbers.
 */
export function PerDayChart(props: { perDay: { day: string; count: number }[] }) {
  const { t, i18n } = useProblemsText();
  const days = props.perDay;
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const width = days.length * (BAR + GAP);
  const dayName = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: "short", day: "numeric", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
  const summary = t("problems.stats.chartSummary", { total, max: total ? max : 0 });
  return (
    <Box>
      <Text size="xs" c="dimmed" mb={4}>
        {t("problems.stats.chartTitle")}
      </Text>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${Math.max(width, 1)} ${HEIGHT + 2}`}
        width="100%"
        height={HEIGHT + 2}
        preserveAspectRatio="none"
        style={{ display: "block" }}
      >
        <line
          x1={0}
          x2={width}
          y1={HEIGHT + 1}
          y2={HEIGHT + 1}
          stroke="var(--mantine-color-default-border)"
        />
        {days.map((d, i) => {
          const h = d.count === 0 ? 0 : Math.max(3, (d.count / max) * HEIGHT);
          return (
            <rect
              key={d.day}
              x={i * (BAR + GAP)}
              y={HEIGHT - h}
              width={BAR}
              height={h}
              rx={1.5}
              fill="var(--mantine-color-indigo-6)"
            >
              <title>{t("problems.stats.dayCount", { day: dayName(d.day), count: d.count })}</title>
            </rect>
          );
        })}
      </svg>
      {days.length > 0 && (
        <Box style={{ display: "flex", justifyContent: "space-between" }} aria-hidden>
          <Text size="xs" c="dimmed">
            {dayName(days[0]?.day ?? "")}
          </Text>
          <Text size="xs" c="dimmed">
            {dayName(days[days.length - 1]?.day ?? "")}
          </Text>
        </Box>
      )}
    </Box>
  );
}
