import { Stack, Text } from "@mantine/core";
import type { HelpAnalytics } from "../helpApi.ts";
import { useHelpText } from "../helpText.ts";

/** Below this many holdout sessions a difference in rates says more about chance than suggestions. */
export const MIN_HOLDOUT_SESSIONS = 30;

const percent = (cases: number, sessions: number) =>
  sessions === 0 ? "0" : ((100 * cases) / sessions).toFixed(cases * 1000 < sessions ? 1 : 0);

/**
 * The share of new-request sessions that became cases, without suggestions (the holdout) and
 * with them: the difference suggestions make, not just clicks. With too small a holdout it says
 * so instead of showing two rates side by side as if they could be compared.
 */
export function HoldoutComparison(props: { holdout: HelpAnalytics["holdout"] }) {
  const { t } = useHelpText();
  const h = props.holdout;
  if (!h || h.holdoutSessions + h.suggestedSessions === 0) {
    return <Text c="dimmed">{t("help.analytics.holdoutNone")}</Text>;
  }
  return (
    <Stack gap="xs">
      {h.holdoutSessions >= MIN_HOLDOUT_SESSIONS ? (
        <Text fw={600} size="lg">
          {t("help.analytics.holdoutRates", {
            without: percent(h.holdoutCases, h.holdoutSessions),
            with: percent(h.suggestedCases, h.suggestedSessions),
          })}
        </Text>
      ) : (
        <Text fw={500}>{t("help.analytics.holdoutTooFew", { count: h.holdoutSessions })}</Text>
      )}
      <Text size="sm" c="dimmed">
        {t("help.analytics.holdoutCounts", h)}
      </Text>
    </Stack>
  );
}
