/**
 * Resolves with `promise`, or rejects once `ms` have passed: a test that waits for another
 * party to reach a point fails, naming what it waited for, instead of hanging.
 */
export function waitFor<T>(what: string, promise: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
