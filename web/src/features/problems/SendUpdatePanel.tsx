import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useState } from "react";
import type { Audience, ProblemDetail } from "../../../../contracts/problems.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { notifyDone } from "../escalations/notify.ts";
import { splitError } from "./fieldErrors.ts";
import { fetchAudience, sendUpdate, useProblemUpdates, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

/**
 * One update to every affected customer: write it, review who gets it (and who is left out,
 * and why), confirm; then follow its delivery.
 */
export function SendUpdatePanel(props: { problem: ProblemDetail; canWork: boolean }) {
  const { t } = useProblemsText();
  const p = props.problem;
  const [body, setBody] = useState("");
  const [solveWaiting, setSolveWaiting] = useState(false);
  const [audience, setAudience] = useState<Audience | null>(null);
  const [loadingAudience, setLoadingAudience] = useState(false);
  const [audienceError, setAudienceError] = useState<string | null>(null);
  const send = useProblemWrite((input: { body: string; solveWaiting?: boolean }) => sendUpdate(p.id, input));
  const errors = splitError(send.error, t("common.genericError"));
  const fixed = p.status === "fixed";

  const review = async () => {
    setLoadingAudience(true);
    setAudienceError(null);
    try {
      setAudience(await fetchAudience(p.id));
    } catch (err) {
      setAudienceError(err instanceof Error ? err.message : t("common.genericError"));
    } finally {
      setLoadingAudience(false);
    }
  };

  const confirm = () =>
    send.mutate(
      { body: body.trim(), ...(fixed && solveWaiting ? { solveWaiting: true } : {}) },
      {
        onSuccess: (res) => {
          notifyDone(t, t("problems.update.sending", { count: res.audienceCount }));
          setBody("");
          setSolveWaiting(false);
          setAudience(null);
        },
      },
    );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-update">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="problem-update">
            {t("problems.update.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("problems.update.hint")}
          </Text>
        </div>
        {props.canWork && (
          <>
            <Textarea
              label={t("problems.update.body")}
              placeholder={t("problems.update.bodyPlaceholder")}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                setAudience(null);
              }}
              error={errors.fields.body}
              autosize
              minRows={4}
              maxRows={14}
              readOnly={audience !== null}
            />
            {fixed && (
              <Checkbox
                label={t("problems.update.solveWaiting")}
                description={
                  audience
                    ? t("problems.update.solveWaitingHint", { count: audience.waitingCount })
                    : undefined
                }
                checked={solveWaiting}
                onChange={(e) => setSolveWaiting(e.currentTarget.checked)}
              />
            )}
            {audience === null ? (
              <Group>
                <Button
                  variant="light"
                  onClick={() => void review()}
                  loading={loadingAudience}
                  disabled={!body.trim()}
                >
                  {t("problems.update.preview")}
                </Button>
              </Group>
            ) : (
              <AudienceReview
                audience={audience}
                onBack={() => setAudience(null)}
                onConfirm={confirm}
                sending={send.isPending}
              />
            )}
            {audienceError && (
              <Alert color="red" role="alert">
                {audienceError}
              </Alert>
            )}
            {errors.form && (
              <Alert color="red" role="alert">
                {errors.form}
              </Alert>
            )}
          </>
        )}
        <PastUpdates problemId={p.id} />
      </Stack>
    </Paper>
  );
}

function AudienceReview(props: {
  audience: Audience;
  onBack: () => void;
  onConfirm: () => void;
  sending: boolean;
}) {
  const { t } = useProblemsText();
  const a = props.audience;
  const reason: Record<Audience["excluded"][number]["reason"], string> = {
    closed_long_ago: t("problems.update.reasons.closed_long_ago"),
    bounced_address: t("problems.update.reasons.bounced_address"),
    opted_out: t("problems.update.reasons.opted_out"),
    merged: t("problems.update.reasons.merged"),
  };
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))"
      role="region"
      aria-label={t("problems.update.preview")}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600} data-testid="audience">
          {a.caseCount === 0
            ? t("problems.update.noAudience")
            : t("problems.update.audience", {
                cases: t("problems.update.audienceCases", { count: a.caseCount }),
                customers: t("problems.update.audienceCustomers", { count: a.customerCount }),
              })}
        </Text>
        {a.excluded.length > 0 && (
          <div>
            <Text size="sm" fw={500}>
              {t("problems.update.excluded")}
            </Text>
            <List size="sm" spacing={2}>
              {a.excluded.map((x) => (
                <List.Item key={x.caseId}>
                  {t("problems.update.excludedRow", {
                    number: x.number,
                    customer: x.customerName,
                    reason: reason[x.reason] ?? x.reason,
                  })}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <Group gap="sm">
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={props.onConfirm}
            loading={props.sending}
            disabled={a.caseCount === 0}
          >
            {t("problems.update.confirm", { count: a.caseCount })}
          </Button>
          <Button variant="default" onClick={props.onBack}>
            {t("problems.update.back")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function PastUpdates(props: { problemId: string }) {
  const { t, i18n } = useProblemsText();
  const updates = useProblemUpdates(props.problemId);
  const items = updates.data?.items ?? [];
  return (
    <Stack gap="xs" mt="xs">
      <Title order={3} size="h5">
        {t("problems.update.past")}
      </Title>
      {updates.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("problems.update.none")}
        </Text>
      )}
      {items.map((u) => {
        const total = Math.max(1, u.sent + u.skipped + u.pending);
        return (
          <Paper key={u.id} withBorder radius="sm" p="sm" data-update-id={u.id}>
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Text size="xs" c="dimmed">
                  {t("problems.update.by", {
                    name: u.senderName,
                    time: formatDateTime(u.createdAt, i18n.language),
                  })}
                </Text>
                <Group gap={4}>
                  {u.solveWaiting && (
                    <Badge size="sm" variant="outline" color="teal">
                      {t("problems.update.solvedWaiting")}
                    </Badge>
                  )}
                  <Badge size="sm" variant="light" color={u.pending > 0 ? "blue" : "teal"}>
                    {u.pending > 0 ? t("problems.update.inProgress") : t("problems.update.done")}
                  </Badge>
                </Group>
              </Group>
              <Text size="sm" lineClamp={3} style={{ whiteSpace: "pre-wrap" }}>
                {u.body}
              </Text>
              {/* A plain bar (no Progress component, whose stylesheet would join the first load). */}
              <Box
                aria-hidden
                h={6}
                style={{
                  display: "flex",
                  borderRadius: 3,
                  overflow: "hidden",
                  background: "var(--mantine-color-default-border)",
                }}
              >
                <Box w={`${(u.sent / total) * 100}%`} bg="teal.6" />
                <Box w={`${(u.skipped / total) * 100}%`} bg="gray.5" />
              </Box>
              <Text size="xs" data-testid="update-progress">
                {t("problems.update.progress", { sent: u.sent, pending: u.pending, skipped: u.skipped })}
              </Text>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
