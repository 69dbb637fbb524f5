import type { CaseStatus } from "../../../../contracts/cases.ts";

/**
 * Customers do not think in ticket states. Each status maps to what it means for them:
 * whose move it is, in plain words, with a colour that reads the same way everywhere.
 */
export const requestStatus: Record<
  CaseStatus,
  { key: "working" | "yourTurn" | "solved" | "closed"; color: string }
> = {
  new: { key: "working", color: "blue" },
  open: { key: "working", color: "blue" },
  on_hold: { key: "working", color: "blue" },
  pending: { key: "yourTurn", color: "grape" },
  solved: { key: "solved", color: "teal" },
  closed: { key: "closed", color: "gray" },
};
