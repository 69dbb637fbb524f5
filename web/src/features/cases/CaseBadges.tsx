import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Case } from "../../../../contracts/cases.ts";

// Dark-enough shades (filled/light with these colours) keep text contrast above 4.5:1 for axe.
const STATUS_COLOURS: Record<Case["status"], string> = {
  new: "blue",
  open: "indigo",
  pending: "grape",
  on_hold: "gray",
  solved: "teal",
  closed: "dark",
};
const PRIORITY_COLOURS: Record<Case["priority"], string> = {
  low: "gray",
  normal: "blue",
  high: "orange",
  urgent: "red",
};

export function StatusBadge(props: { status: Case["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOURS[props.status]}
      variant="light"
      style={{ flexShrink: 0, minWidth: "max-content" }}
    >
      {t(`cases.statuses.${props.status}`)}
    </Badge>
  );
}

export function PriorityBadge(props: { priority: Case["priority"] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PRIORITY_COLOURS[props.priority]}
      variant="dot"
      style={{ flexShrink: 0, minWidth: "max-content" }}
    >
      {t(`cases.priorities.${props.priority}`)}
    </Badge>
  );
}
