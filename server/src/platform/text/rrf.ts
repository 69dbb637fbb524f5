/**
 * Reciprocal-rank fusion: each ranking gives an id 1 / (k + rank), and the sums decide.
 * It needs no calibration between scores of different kinds (a ts_rank and a cosine are not
 * comparable), and an id ranked well by two methods beats one ranked first by only one.
 * k = 60 is the value of the original paper (Cormack et al., 2009); it damps the top ranks.
 */
export function reciprocalRankFusion(rankings: string[][], k = 60): Array<{ id: string; score: number }> {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    const seen = new Set<string>();
    ranking.forEach((id, index) => {
      if (seen.has(id)) return; // a repeated id counts at its best rank only
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1));
    });
  }
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
