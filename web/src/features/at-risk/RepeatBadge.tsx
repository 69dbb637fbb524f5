import { Anchor, Badge, Group } from "@mantine/core";
import { Link } from "react-router";
import { useCaseRepeat } from "./atRiskApi.ts";
import { useAtRiskText } from "./atRiskText.ts";
import { useLiveRepeat } from "./useLiveRisk.ts";

/** On the case page: "Repeat contact" with a link to the earlier case it repeats. */
export function RepeatBadge(props: { caseId: string }) {
  const { t } = useAtRiskText();
  const repeat = useCaseRepeat(props.caseId).data?.repeat;
  useLiveRepeat(props.caseId);
  if (!repeat) return null;
  return (
    <Group gap="xs">
      <Badge color="grape" variant="light">
        {t("atRisk.repeatBadge")}
      </Badge>
      <Anchor component={Link} to={`/app/cases/${repeat.previousCaseId}`} size="sm" underline="always">
        {t("atRisk.repeatOf", { number: repeat.previousCaseNumber })}
      </Anchor>
      <span style={{ fontSize: "var(--mantine-font-size-xs)", color: "var(--mantine-color-dimmed)" }}>
        ({t(`atRisk.repeatReason.${repeat.reason}`)})
      </span>
    </Group>
  );
}
