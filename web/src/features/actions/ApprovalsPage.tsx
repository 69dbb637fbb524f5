import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Tabs,
  Text,
  Textarea,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { notifyDone } from "../escalations/notify.ts";
import { decide, nameOf, type PendingApproval, useActionsWrite, useApprovals } from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";

/** The parts of an approval the queue shows, wherever the server nests them. */
function partsOf(a: PendingApproval) {
  const run = a.run;
  return {
    action: a.action?.name ?? run?.action?.name ?? run?.actionName ?? "",
    caseId: a.case?.id ?? a.caseId ?? run?.caseId ?? "",
    caseNumber: a.case?.number,
    subject: a.case?.subject ?? "",
    requestedBy: nameOf(a.requestedBy ?? run?.requestedBy),
    input: a.input ?? run?.input ?? {},
    createdAt: a.createdAt ?? run?.createdAt,
  };
}

function ApprovalCard(props: { approval: PendingApproval; decided: boolean }) {
  const { t, i18n } = useActionsText();
  const p = partsOf(props.approval);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [short, setShort] = useState(false);
  const write = useActionsWrite(decide);
  const headingId = `approval-${props.approval.id}`;
  const decision = props.approval.decision ?? props.approval.status;

  const refuse = () => {
    if (reason.trim().length < 3) return setShort(true);
    write.mutate([props.approval.id, "refuse", reason], {
      onSuccess: () => notifyDone(t, t("actions.approvals.refusedDone")),
    });
  };
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} id={headingId} component="h2" size="md" m={0}>
            {p.action}
          </Text>
          {props.decided && decision && (
            <Badge color={/approv/.test(decision) ? "teal" : "gray"} variant="light">
              {/approv/.test(decision)
                ? t("actions.approvals.decisionApprove")
                : t("actions.approvals.decisionRefuse")}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {p.caseId && (
            <Anchor component={Link} to={`/app/cases/${p.caseId}`} size="sm">
              {p.caseNumber !== undefined
                ? t("actions.approvals.caseLabel", { number: p.caseNumber })
                : p.caseId}
              {p.subject ? ` · ${p.subject}` : ""}
            </Anchor>
          )}
          <Text size="sm" c="dimmed">
            {p.requestedBy ? t("actions.approvals.requested", { name: p.requestedBy }) : ""}
            {p.createdAt ? ` · ${formatDateTime(p.createdAt, i18n.language)}` : ""}
          </Text>
        </Group>
        <Stack gap={0} component="dl" m={0}>
          {Object.entries(p.input).map(([k, v]) => (
            <Group key={k} gap={6} wrap="nowrap" align="baseline">
              <Text component="dt" size="xs" c="dimmed">
                {k}
              </Text>
              <Text
                component="dd"
                size="sm"
                m={0}
                style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
              >
                {typeof v === "object" ? JSON.stringify(v) : String(v)}
              </Text>
            </Group>
          ))}
        </Stack>
        {props.decided && props.approval.reason && <Text size="sm">{props.approval.reason}</Text>}
        {!props.decided && !refusing && (
          <Group>
            <Button
              loading={write.isPending}
              onClick={() =>
                write.mutate([props.approval.id, "approve", ""], {
                  onSuccess: () => notifyDone(t, t("actions.approvals.approved")),
                })
              }
            >
              {t("actions.approvals.approve")}
            </Button>
            <Button variant="default" onClick={() => setRefusing(true)}>
              {t("actions.approvals.refuse")}
            </Button>
          </Group>
        )}
        {!props.decided && refusing && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              refuse();
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t("actions.approvals.reason")}
                description={t("actions.approvals.reasonHint")}
                required
                autosize
                minRows={2}
                data-autofocus
                value={reason}
                error={short ? t("actions.approvals.reasonShort") : undefined}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setShort(false);
                }}
              />
              <Group>
                <Button type="submit" color="red.9" loading={write.isPending}>
                  {t("actions.approvals.confirmRefuse")}
                </Button>
                <Button variant="default" onClick={() => setRefusing(false)}>
                  {t("actions.admin.cancel")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {write.error && (
          <Alert color="red" role="alert">
            {write.error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function Queue(props: { status: "pending" | "decided" }) {
  const { t } = useActionsText();
  const list = useApprovals(props.status);
  const items = list.data?.items ?? [];
  if (list.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (list.error) return <Alert color="red">{t("actions.loadError", { message: list.error.message })}</Alert>;
  if (items.length === 0)
    return (
      <Text c="dimmed">
        {props.status === "pending" ? t("actions.approvals.empty") : t("actions.approvals.emptyDecided")}
      </Text>
    );
  return (
    <Stack
      gap="sm"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
      aria-label={t("actions.approvals.list")}
    >
      {items.map((a) => (
        <ApprovalCard key={a.id} approval={a} decided={props.status === "decided"} />
      ))}
    </Stack>
  );
}

/** Approvals (deciders): actions over their limit, to approve — which runs them — or refuse with a reason. */
export function ApprovalsPage() {
  const { t } = useActionsText();
  return (
    <Stack gap="md" maw={900}>
      <PageTitle>{t("actions.approvals.title")}</PageTitle>
      <Text c="dimmed">{t("actions.approvals.intro")}</Text>
      <Tabs defaultValue="pending" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="pending">{t("actions.approvals.pending")}</Tabs.Tab>
          <Tabs.Tab value="decided">{t("actions.approvals.decided")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pending" pt="md">
          <Queue status="pending" />
        </Tabs.Panel>
        <Tabs.Panel value="decided" pt="md">
          <Queue status="decided" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
