/**
 * The one seam through which honest expectations read "now". Production uses the wall clock;
 * HTTP tests (which run the app in the same process) pin it so a promise like "by Monday 09:00"
 * can be asserted without depending on when the suite happens to run.
 */
export const expectationsClock = { now: (): Date => new Date() };

export function pinClock(at: Date | null): void {
  expectationsClock.now = at ? () => new Date(at.getTime()) : () => new Date();
}
