import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CaseStatus } from "../../../../contracts/cases.ts";
import { requestStatus } from "./requestStatus.ts";

/** A request's status in the customer's words ("Waiting for you", not "pending"). */
export function RequestStatusBadge(props: { status: CaseStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const s = requestStatus[props.status];
  return (
    <Badge variant="light" color={s.color} size={props.size ?? "md"} radius="sm" tt="none" fw={600}>
      {t(`portal.status.${s.key}`)}
    </Badge>
  );
}
