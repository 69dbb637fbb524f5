import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { EscalationStatus } from "../../../../contracts/escalations.ts";

// Shades whose light badges keep text contrast above 4.5:1 (orange does not).
const COLOR = { open: "grape", answered: "teal", closed: "gray" } as const;

export function EscalationStatusBadge(props: { status: EscalationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[props.status]} variant="light" data-status={props.status}>
      {t(`escalations.status.${props.status}`)}
    </Badge>
  );
}
