/** Shares as percent with one decimal; rates with two decimals; null is a dash. */
export const percent = (v: number | null) => (v === null ? "–" : `${Math.round(v * 1000) / 10}%`);
export const rate = (v: number | null) => (v === null ? "–" : v.toFixed(2));
