import { type Comparison, MIN_SAMPLE } from "../../../../../contracts/academy-report.ts";

/**
 * Whether a difference between trained and untrained customers is one the sample supports.
 * Each comparison gives trained − untrained with a 95% interval; a group under MIN_SAMPLE, or an
 * interval that includes zero, is "not enough data to tell" (the screen says so in words).
 */
const Z95 = 1.959964;

type Interval = { difference: number; low: number; high: number };

/**
 * Two proportions: the Agresti–Caffo interval (one success and one failure added to each
 * group), which keeps its coverage when a share is near 0 or 1, where the plain Wald interval
 * collapses to a point.
 */
export function proportionsInterval(x1: number, n1: number, x2: number, n2: number): Interval {
  const p1 = (x1 + 1) / (n1 + 2);
  const p2 = (x2 + 1) / (n2 + 2);
  const se = Math.sqrt((p1 * (1 - p1)) / (n1 + 2) + (p2 * (1 - p2)) / (n2 + 2));
  const adjusted = p1 - p2;
  return { difference: x1 / n1 - x2 / n2, low: adjusted - Z95 * se, high: adjusted + Z95 * se };
}

/**
 * Two means (Welch's normal approximation, fine at 30 or more per group). `floorSe` keeps the
 * interval honest when the samples show no spread (every customer wrote the same number of
 * times): counts still vary by chance, so a Poisson standard error is the least it can be.
 */
export function meansInterval(
  m1: number,
  v1: number,
  n1: number,
  m2: number,
  v2: number,
  n2: number,
  floorSe = 0,
): Interval {
  const se = Math.max(Math.sqrt(v1 / n1 + v2 / n2), floorSe);
  const d = m1 - m2;
  return { difference: d, low: d - Z95 * se, high: d + Z95 * se };
}

/** The standard error of a difference of two Poisson rates: cases over customer-months each. */
export function poissonRateSe(cases1: number, months1: number, cases2: number, months2: number): number {
  if (months1 === 0 || months2 === 0) return 0;
  return Math.sqrt(cases1 / months1 ** 2 + cases2 / months2 ** 2);
}

type Side = { n: number; value: number | null };

export function comparison(
  metric: Comparison["metric"],
  trained: Side,
  untrained: Side,
  interval: () => Interval,
): Comparison {
  const enough = trained.n >= MIN_SAMPLE && untrained.n >= MIN_SAMPLE;
  const hide = (s: Side): Side => ({ n: s.n, value: s.n >= MIN_SAMPLE ? s.value : null });
  if (!enough || trained.value === null || untrained.value === null) {
    return {
      metric,
      trained: hide(trained),
      untrained: hide(untrained),
      difference: null,
      low: null,
      high: null,
      verdict: "notEnoughData",
    };
  }
  const i = interval();
  const round = (v: number) => Math.round(v * 10000) / 10000;
  const zeroInside = i.low <= 0 && i.high >= 0;
  return {
    metric,
    trained,
    untrained,
    difference: round(i.difference),
    low: round(i.low),
    high: round(i.high),
    verdict: zeroInside ? "notEnoughData" : i.difference > 0 ? "trainedHigher" : "trainedLower",
  };
}
