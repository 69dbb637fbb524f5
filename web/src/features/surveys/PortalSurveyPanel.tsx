import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import {
  portalSurveyListSchema,
  type portalSurveySchema,
  SURVEY_REASONS,
} from "../../../../contracts/surveys.ts";
import { api, apiParsed } from "../../api/client.ts";
import { useSurveysText } from "./surveysText.ts";

type PortalSurvey = z.infer<typeof portalSurveySchema>;
const MAX = { five: 5, three: 3, seven: 7 } as const;
const isNegative = (s: PortalSurvey, r: number) =>
  s.scale === "three" ? r === 1 : s.scale === "seven" ? r <= 3 : r <= 2;

/** The customer's survey on their solved request in the portal: the same answer as the email link. */
export function PortalSurveyPanel(props: { caseId: string }) {
  const list = useQuery({
    queryKey: ["portal", "surveys", props.caseId],
    queryFn: () => apiParsed(portalSurveyListSchema, `/api/v1/portal/cases/${props.caseId}/surveys`),
  });
  const open = (list.data?.items ?? []).filter((s) => s.open);
  if (open.length === 0) return null;
  return (
    <>
      {open.map((s) => (
        <SurveyForm key={s.surveyId} caseId={props.caseId} s={s} />
      ))}
    </>
  );
}

function SurveyForm({ caseId, s }: { caseId: string; s: PortalSurvey }) {
  const { t } = useSurveysText();
  const qc = useQueryClient();
  const [rating, setRating] = useState<number | null>(s.rating);
  const [reason, setReason] = useState(s.reason ?? "");
  const [comment, setComment] = useState(s.comment ?? "");
  const save = useMutation({
    mutationFn: () =>
      api(`/api/v1/portal/surveys/${s.surveyId}/response`, {
        method: "PUT",
        body: {
          rating,
          ...(comment.trim() && { comment }),
          ...(reason && rating !== null && isNegative(s, rating) && { reason }),
        },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portal", "surveys", caseId] }),
  });
  const labels = t(`surveys.portal.labels.${s.scale}`, { returnObjects: true }) as string[];
  const ratings = Array.from({ length: MAX[s.scale] }, (_, i) => MAX[s.scale] - i);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={t(`surveys.portal.question.${s.kind}`)}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t(`surveys.portal.question.${s.kind}`)}
        </Title>
        <Group gap="xs" role="group" aria-label={t("surveys.followUps.rating")}>
          {ratings.map((r) => (
            <Button
              key={r}
              variant={rating === r ? "filled" : "default"}
              aria-pressed={rating === r}
              onClick={() => setRating(r)}
            >
              {labels[r - 1] ?? r}
            </Button>
          ))}
        </Group>
        {rating !== null && isNegative(s, rating) && (
          <NativeSelect
            label={t("surveys.portal.reason")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data={[
              { value: "", label: t("surveys.portal.chooseReason") },
              ...SURVEY_REASONS.map((r) => ({ value: r, label: t(`surveys.followUps.reasons.${r}`) })),
            ]}
          />
        )}
        <Textarea
          label={t("surveys.portal.comment")}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          maxLength={4000}
          autosize
          minRows={2}
        />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        {save.isSuccess && <Text role="status">{t("surveys.portal.thanks")}</Text>}
        <Button
          onClick={() => save.mutate()}
          disabled={rating === null}
          loading={save.isPending}
          style={{ alignSelf: "flex-start" }}
        >
          {t("surveys.portal.send")}
        </Button>
      </Stack>
    </Paper>
  );
}
