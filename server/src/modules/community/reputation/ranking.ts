/**
 * Competition ranking ("1224"): equal points share a rank and the next rank skips as many
 * places as were shared. `items` must be in points order, highest first, starting at the top.
 */
export function competitionRank<T extends { points: number }>(items: T[]): Array<T & { rank: number }> {
  let rank = 0;
  let previous: number | undefined;
  return items.map((item, i) => {
    if (item.points !== previous) {
      rank = i + 1;
      previous = item.points;
    }
    return { ...item, rank };
  });
}
