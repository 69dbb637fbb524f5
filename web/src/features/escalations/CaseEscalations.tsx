import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconLifebuoy } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Case } from "../../../../contracts/cases.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useMe } from "../auth/session.ts";
import { EscalationStatusBadge } from "./EscalationStatusBadge.tsx";
import { onEscalationRequest } from "./escalateRequest.ts";
import { useCaseEscalations, useCaseTasks, useEscalate } from "./escalationsApi.ts";
import { notifyDone } from "./notify.ts";
import { TaskList } from "./TaskList.tsx";

/** The dialog an agent escalates with: a summary and the question for engineering. */
function EscalateDialog(props: {
  c: Case;
  opened: boolean;
  onClose: () => void;
  initialSummary?: string;
  runId?: string | undefined;
}) {
  const { t } = useTranslation();
  const escalate = useEscalate(props.c.id);
  const [summary, setSummary] = useState(props.initialSummary ?? "");
  const [question, setQuestion] = useState("");
  const fieldError = (field: string) =>
    escalate.error && "field" in escalate.error && escalate.error.field === field
      ? escalate.error.message
      : undefined;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("escalations.escalateTitle", { number: props.c.number })}
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          escalate.mutate(
            { summary, question, ...(props.runId ? { runId: props.runId } : {}) },
            {
              onSuccess: () => {
                setSummary("");
                setQuestion("");
                props.onClose();
                notifyDone(t, t("escalations.escalated"));
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t("escalations.summary")}
            placeholder={t("escalations.summaryPlaceholder")}
            autosize
            minRows={3}
            required
            value={summary}
            onChange={(ev) => setSummary(ev.currentTarget.value)}
            error={fieldError("summary")}
            data-autofocus
          />
          <Textarea
            label={t("escalations.question")}
            placeholder={t("escalations.questionPlaceholder")}
            autosize
            minRows={2}
            required
            value={question}
            onChange={(ev) => setQuestion(ev.currentTarget.value)}
            error={fieldError("question")}
          />
          {escalate.error && !fieldError("summary") && !fieldError("question") && (
            <Alert color="red">{escalate.error.message}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("escalations.cancel")}
            </Button>
            <Button type="submit" loading={escalate.isPending} disabled={!summary.trim() || !question.trim()}>
              {t("escalations.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * On the case page: escalate to engineering, the escalations with their findings shown
 * prominently, and the open tasks engineering asked for (agents mark them done).
 */
export function CaseEscalations(props: { case: Case }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [opened, { open, close }] = useDisclosure(false);
  const [prefill, setPrefill] = useState<{ summary: string; runId?: string | undefined; n: number }>({
    summary: "",
    n: 0,
  });
  const caseId = props.case.id;
  useEffect(
    () =>
      onEscalationRequest((request) => {
        if (request.caseId !== caseId) return;
        setPrefill((p) => ({ summary: request.summary, runId: request.runId, n: p.n + 1 }));
        open();
      }),
    [caseId, open],
  );
  const escalations = useCaseEscalations(props.case.id);
  const tasks = useCaseTasks(props.case.id);
  const canAgent = me.data?.permissions.includes("cases.work") ?? false;
  const list = escalations.data?.items ?? [];
  const openTasks = (tasks.data?.items ?? []).filter((x) => x.status === "open");
  const active = list.filter((e) => e.status !== "closed");
  if (!canAgent && list.length === 0) return null;

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="case-engineering">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h5" id="case-engineering">
            {t("escalations.panelTitle")}
          </Title>
          {canAgent && props.case.status !== "closed" && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconLifebuoy size={14} aria-hidden />}
              onClick={() => {
                setPrefill((p) => ({ summary: "", n: p.n + 1 }));
                open();
              }}
            >
              {t("escalations.escalate")}
            </Button>
          )}
        </Group>
        {active.map((e) => (
          <Stack key={e.id} gap={4} data-escalation-id={e.id}>
            <Group gap="xs">
              <EscalationStatusBadge status={e.status} />
              <Text size="sm" fw={600} lineClamp={1} style={{ flex: 1 }}>
                {e.question}
              </Text>
              <Anchor component={Link} to={`/app/escalations/${e.id}`} size="sm">
                {t("escalations.viewEscalation")}
              </Anchor>
            </Group>
            {e.findings && (
              <Alert
                color="teal"
                variant="light"
                title={t("escalations.findingsBy", {
                  name: e.findingsBy ?? "",
                  time: e.findingsAt ? formatDateTime(e.findingsAt, i18n.language) : "",
                })}
              >
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {e.findings}
                </Text>
              </Alert>
            )}
          </Stack>
        ))}
        {openTasks.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t("escalations.openTasks")}
            </Text>
            <TaskList
              caseId={props.case.id}
              tasks={openTasks}
              canComplete={canAgent}
              label={t("escalations.openTasks")}
            />
          </Stack>
        )}
      </Stack>
      {canAgent && (
        <EscalateDialog
          key={prefill.n}
          c={props.case}
          opened={opened}
          onClose={close}
          initialSummary={prefill.summary}
          runId={prefill.runId}
        />
      )}
    </Paper>
  );
}
