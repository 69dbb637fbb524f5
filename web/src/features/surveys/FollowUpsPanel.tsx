import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { type FollowUp, useFollowUps, usePatchFollowUp } from "./surveysApi.ts";
import { useSurveysText } from "./surveysText.ts";

const MAX = { five: 5, three: 3, seven: 7 } as const;

/** The lead's follow-up tasks from negative answers: what the customer said, and a note when done. */
export function FollowUpsPanel() {
  const { t } = useSurveysText();
  const [showDone, setShowDone] = useState(false);
  const list = useFollowUps(showDone ? undefined : "open");
  return (
    <Stack>
      <Switch
        label={t("surveys.followUps.showDone")}
        checked={showDone}
        onChange={(e) => setShowDone(e.currentTarget.checked)}
      />
      {list.error ? (
        <Alert color="red">{t("surveys.loadError", { message: list.error.message })}</Alert>
      ) : list.data && list.data.items.length === 0 ? (
        <Text c="dimmed">{t("surveys.followUps.empty")}</Text>
      ) : (
        <ul aria-label={t("surveys.tabs.followUps")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {list.data?.items.map((f) => (
            <li key={f.id} style={{ marginBottom: 12 }}>
              <FollowUpCard f={f} />
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

function FollowUpCard({ f }: { f: FollowUp }) {
  const { t } = useSurveysText();
  const patch = usePatchFollowUp();
  const [note, setNote] = useState(f.note ?? "");
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Anchor component={Link} to={`/app/cases/${f.caseId}`} fw={600}>
            #{f.caseNumber} {f.caseSubject}
          </Anchor>
          {f.status === "done" && <Badge color="green">{t("surveys.followUps.done")}</Badge>}
        </Group>
        <Text size="sm">
          {f.customerName} · {t("surveys.followUps.rating")}:{" "}
          {t("surveys.followUps.ratingOf", { rating: f.rating, max: MAX[f.scale] })}
          {f.reason && ` · ${t("surveys.followUps.reason")}: ${t(`surveys.followUps.reasons.${f.reason}`)}`}
        </Text>
        {f.comment && (
          <Text size="sm" fs="italic">
            “{f.comment}”
          </Text>
        )}
        <Textarea
          label={t("surveys.followUps.note")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={1}
        />
        {patch.error && <Alert color="red">{patch.error.message}</Alert>}
        <Group>
          {f.status === "open" ? (
            <Button
              loading={patch.isPending}
              onClick={() => patch.mutate({ id: f.id, status: "done", note })}
            >
              {t("surveys.followUps.markDone")}
            </Button>
          ) : (
            <Button
              variant="default"
              loading={patch.isPending}
              onClick={() => patch.mutate({ id: f.id, status: "open" })}
            >
              {t("surveys.followUps.reopen")}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
