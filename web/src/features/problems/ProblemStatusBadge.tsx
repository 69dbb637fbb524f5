import { Badge, type BadgeProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProblemStatus } from "../../../../contracts/problems.ts";

// Light badges in these shades keep text contrast above 4.5:1 (orange and yellow do not).
const COLOR: Record<ProblemStatus, string> = {
  investigating: "red",
  identified: "grape",
  workaround_available: "indigo",
  fix_in_progress: "blue",
  fixed: "teal",
  closed: "gray",
};

/**
 * A problem's status. Small and free of the problems' lazily loaded text (the names are in
 * the first load) because the header search shows it too.
 */
export function ProblemStatusBadge(props: { status: ProblemStatus } & BadgeProps) {
  const { t } = useTranslation();
  const { status, ...rest } = props;
  const label: Record<ProblemStatus, string> = {
    investigating: t("problemStatus.investigating"),
    identified: t("problemStatus.identified"),
    workaround_available: t("problemStatus.workaround_available"),
    fix_in_progress: t("problemStatus.fix_in_progress"),
    fixed: t("problemStatus.fixed"),
    closed: t("problemStatus.closed"),
  };
  return (
    <Badge
      color={COLOR[status] ?? "gray"}
      variant="light"
      data-status={status}
      style={{ flexShrink: 0, minWidth: "max-content" }}
      {...rest}
    >
      {label[status] ?? status}
    </Badge>
  );
}
