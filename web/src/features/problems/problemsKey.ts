/**
 * Every problem query starts with this key (lists, one problem, a case's problems, emerging
 * issues), so the realtime `problem.updated` event refreshes them with one invalidation. A
 * module of its own so the always-mounted LiveQueries does not pull the problems' API in.
 */
export const problemsKey = ["problems"] as const;
