/**
 * Every escalation query starts with this key, so one realtime event refreshes them all. A
 * module of its own so the always-mounted EscalationNotifier can use it without pulling the
 * escalation API (and the contracts it parses with) into every page's first load.
 */
export const escalationsKey = ["escalations"] as const;
