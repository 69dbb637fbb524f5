/**
 * The case ids of the inbox list the agent last looked at, in order, so j/k on a case page
 * moves through the same list. Kept in memory only: a reload starts fresh, which is fine.
 */
let ids: string[] = [];
let from = "/app/inbox";

export function rememberList(caseIds: string[], path: string) {
  ids = caseIds;
  from = path;
}

export function neighbour(currentId: string, step: 1 | -1): string | undefined {
  const index = ids.indexOf(currentId);
  if (index === -1) return ids[0];
  return ids[index + step];
}

export const listPath = () => from;
