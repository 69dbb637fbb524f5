import { Anchor, Badge, Group, List, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { RiskReasonView } from "../../../../contracts/repeats.ts";
import { useAtRiskText } from "./atRiskText.ts";

/** Each reason with its evidence, cases linked; text only (evidence is customer text, never HTML). */
export function ReasonList(props: { reasons: RiskReasonView[] }) {
  const { t } = useAtRiskText();
  return (
    <Stack gap={4}>
      {props.reasons.map((r) => (
        <div key={r.kind}>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" variant="light" color="grape">
              {t(`atRisk.kinds.${r.kind}`)}
            </Badge>
            <Text size="sm">{r.summary}</Text>
          </Group>
          <List size="xs" ml="md" c="dimmed">
            {r.evidence.map((e) => (
              <List.Item key={`${e.caseId}-${e.text}`}>
                {e.caseId ? (
                  <Anchor component={Link} to={`/app/cases/${e.caseId}`} size="xs" underline="always">
                    {e.text}
                  </Anchor>
                ) : (
                  e.text
                )}
              </List.Item>
            ))}
          </List>
        </div>
      ))}
    </Stack>
  );
}
