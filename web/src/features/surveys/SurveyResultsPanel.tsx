import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { surveyResponseListSchema } from "../../../../contracts/surveys.ts";
import { apiParsed } from "../../api/client.ts";
import { useSurveysText } from "./surveysText.ts";

const MAX = { five: 5, three: 3, seven: 7 } as const;
const COLOR = { positive: "green", neutral: "gray", negative: "red" } as const;

/**
 * Survey answers on the case page (that case's) or the customer panel (their latest, with the
 * CSAT share and CES average). Nothing at all while there is no answer: no empty box.
 */
export function SurveyResultsPanel(props: { caseId?: string; customerId?: string }) {
  const { t } = useSurveysText();
  const filter = props.caseId ? `caseId=${props.caseId}` : `customerId=${props.customerId}`;
  const list = useQuery({
    queryKey: ["surveys", "responses", filter],
    queryFn: () => apiParsed(surveyResponseListSchema, `/api/v1/surveys/responses?${filter}&limit=5`),
  });
  const data = list.data;
  if (!data || data.count === 0) return null;
  const title = t(props.caseId ? "surveys.panel.caseTitle" : "surveys.panel.customerTitle");
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        {!props.caseId && (
          <Text size="sm">
            {data.csatPositivePercent !== null &&
              t("surveys.panel.csat", { percent: data.csatPositivePercent })}
            {data.cesAverage !== null && ` ${t("surveys.panel.ces", { average: data.cesAverage })}`}
          </Text>
        )}
        {data.items.map((r) => (
          <Stack key={r.surveyId} gap={2}>
            <Group gap="xs">
              <Badge color={COLOR[r.sentiment]} variant="light">
                {r.kind.toUpperCase()} {r.rating}/{MAX[r.scale]}
              </Badge>
              {!props.caseId && <Text size="sm">#{r.caseNumber}</Text>}
              {r.reason && <Text size="sm">{t(`surveys.followUps.reasons.${r.reason}`)}</Text>}
            </Group>
            {r.comment && (
              <Text size="sm" fs="italic">
                “{r.comment}”
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
