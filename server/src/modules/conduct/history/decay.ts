const DAY_MS = 86_400_000;

/**
 * What one confirmed abusive message weighs at `now`: 1 on the day it was confirmed, half
 * after `halfLifeDays`, a quarter after two half-lives, so one bad day fades. A verdict dated
 * in the future (clock skew) counts as today's.
 */
export function decayedWeight(verdictAt: Date, now: Date, halfLifeDays: number): number {
  const ageDays = Math.max(0, (now.getTime() - verdictAt.getTime()) / DAY_MS);
  return 0.5 ** (ageDays / halfLifeDays);
}

/** The conduct score: the sum of the decayed weights, rounded to 3 places for display. */
export function conductScore(verdicts: Date[], now: Date, halfLifeDays: number): number {
  const sum = verdicts.reduce((s, at) => s + decayedWeight(at, now, halfLifeDays), 0);
  return Math.round(sum * 1000) / 1000;
}

/** The conduct pages' clock; tests pin it to step through half-lives and expiries. */
export const conductClock = { now: (): Date => new Date() };
export function pinConductClock(at: Date | null): void {
  conductClock.now = at ? () => at : () => new Date();
}
