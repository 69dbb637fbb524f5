import { ActionIcon, Badge, Button, Group, List, Menu, Popover, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDots, IconEye } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import type { MessageAssessment } from "../../../../contracts/conduct-assess.ts";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { assessmentsKey, recordReveal, useCaseAssessments, useSetVerdict } from "./shieldApi.ts";
import { useShieldText } from "./shieldText.ts";

const MASK = "•••••";

/**
 * A customer message on the staff case page with its tone (issue #20): a Frustrated / Abusive
 * badge whose popover lists the signals, insults masked in abusive messages until "Reveal"
 * (which is recorded), and "Mark abusive" / "Not abusive" in the message's menu. `children` is
 * the message's normal body, shown when nothing is masked. Updates live when the message is
 * assessed (`case.message_assessed`).
 */
export function MessageShield(props: {
  caseId: string;
  message: { id: string; body: string; createdAt: string };
  canWork: boolean;
  children: ReactNode;
}) {
  const { t } = useShieldText();
  const fresh = useFreshUntilAssessed(props.message.createdAt);
  const queryClient = useQueryClient();
  const assessments = useCaseAssessments(props.caseId);
  const [revealed, setRevealed] = useState(false);
  const [revealing, setRevealing] = useState(false);
  useRealtimeEvent((event) => {
    if (event.type === "case.message_assessed" && event.caseId === props.caseId) {
      void queryClient.invalidateQueries({ queryKey: assessmentsKey(props.caseId) });
    }
  });
  // While a new message waits, ask again now and then too: the live event may have gone out
  // before this page subscribed.
  const waiting = fresh && !assessments.data?.byMessage.has(props.message.id);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: assessmentsKey(props.caseId) }),
      2000,
    );
    return () => clearInterval(timer);
  }, [waiting, queryClient, props.caseId]);
  // Until we know whether it is abusive, the body waits: never a flash of the insult.
  if (assessments.isPending) return <Text size="sm" c="dimmed" aria-busy="true" />;
  const a = assessments.data?.byMessage.get(props.message.id);
  // A message that just arrived live waits a few seconds for its assessment (the job runs
  // every 2 s) rather than flashing unmasked; if none comes (the classifier failed) it shows.
  if (!a && fresh) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t("shield.checking")}
      </Text>
    );
  }
  const masked =
    a?.abusive && assessments.data?.maskAbuse && !revealed && a.maskSpans.length > 0 ? a.maskSpans : null;

  const reveal = async () => {
    setRevealing(true);
    try {
      await recordReveal(props.message.id);
      setRevealed(true);
    } catch {
      notifications.show({ color: "red", message: t("shield.revealFailed") });
    } finally {
      setRevealing(false);
    }
  };

  return (
    <Stack gap={6}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <ToneBadge assessment={a} masked={masked !== null} />
        {props.canWork && <VerdictMenu caseId={props.caseId} messageId={props.message.id} assessment={a} />}
      </Group>
      {masked ? (
        <Stack gap={4}>
          <Text
            size="sm"
            style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}
            data-message-body
            data-masked
          >
            {maskText(props.message.body, masked, t("shield.masked"))}
          </Text>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t("shield.maskedNote")}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconEye size={14} aria-hidden />}
              loading={revealing}
              onClick={reveal}
            >
              {t("shield.reveal")}
            </Button>
          </Group>
        </Stack>
      ) : (
        props.children
      )}
    </Stack>
  );
}

const WAIT_MS = 10_000;

/** True while a message younger than WAIT_MS may still get its assessment; re-renders when it ends. */
function useFreshUntilAssessed(createdAt: string): boolean {
  // Capped: a browser clock behind the server's must not hide a message for longer.
  const left = Math.min(WAIT_MS, Date.parse(createdAt) + WAIT_MS - Date.now());
  const [, tick] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => tick((n) => n + 1), left);
    return () => clearTimeout(timer);
  }, [left]);
  return left > 0;
}

/** The body with each [start, end) span replaced by a mask, overlapping spans merged. */
function maskText(body: string, spans: number[][], label: string): ReactNode[] {
  const sorted = spans.map(([start = 0, end = 0]) => [start, end] as const).sort((x, y) => x[0] - y[0]);
  const out: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const s = Math.max(start, at);
    if (s > at) out.push(body.slice(at, s));
    out.push(
      <span key={s} role="img" aria-label={label} style={{ letterSpacing: 1 }}>
        {MASK}
      </span>,
    );
    at = end;
  }
  out.push(body.slice(at));
  return out;
}

function ToneBadge(props: { assessment: MessageAssessment | undefined; masked: boolean }) {
  const { t } = useShieldText();
  const a = props.assessment;
  if (!a) return <span />;
  if (a.verdict === "not_abusive" && a.outcome !== "frustrated") {
    return (
      <Text size="xs" c="dimmed">
        {t("shield.cleared")}
      </Text>
    );
  }
  const outcome = a.abusive ? "abusive" : a.outcome === "frustrated" ? "frustrated" : null;
  if (!outcome) return <span />;
  const label = t(`shield.outcome.${outcome}`);
  return (
    <Popover width={320} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Badge
          component="button"
          type="button"
          // Filled and dark enough for 4.5:1 at badge size (the light variants are not).
          color={outcome === "abusive" ? "red.9" : "orange.3"}
          variant="filled"
          autoContrast
          style={{ cursor: "pointer" }}
          aria-label={t("shield.badgeLabel", { outcome: label })}
        >
          {label}
        </Badge>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={700} size="sm" mb={4}>
          {t("shield.whyTitle")}
        </Text>
        {a.signals.length === 0 ? (
          <Text size="sm">{t("shield.noSignals")}</Text>
        ) : (
          <List size="sm" spacing={2}>
            {a.signals.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: signals have no id and never reorder
              <List.Item key={i}>
                {s.detail}
                {/* The words that fired it, unless they are the masked ones. */}
                {s.text && !props.masked ? `: “${s.text}”` : ""}
              </List.Item>
            ))}
          </List>
        )}
        {a.verdict === "abusive" && (
          <Text size="xs" c="dimmed" mt={4}>
            {t("shield.confirmed")}
          </Text>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function VerdictMenu(props: {
  caseId: string;
  messageId: string;
  assessment: MessageAssessment | undefined;
}) {
  const { t } = useShieldText();
  const setVerdict = useSetVerdict(props.caseId);
  const give = (verdict: "abusive" | "not_abusive") =>
    setVerdict.mutate(
      { messageId: props.messageId, verdict },
      {
        onSuccess: () =>
          notifications.show({
            color: "teal",
            message: t(verdict === "abusive" ? "shield.markedAbusive" : "shield.markedNotAbusive"),
          }),
        onError: () => notifications.show({ color: "red", message: t("shield.failed") }),
      },
    );
  const abusive = props.assessment?.abusive ?? false;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t("shield.menu")} size="sm">
          <IconDots size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          disabled={abusive && props.assessment?.verdict === "abusive"}
          onClick={() => give("abusive")}
        >
          {t("shield.markAbusive")}
        </Menu.Item>
        <Menu.Item disabled={!abusive} onClick={() => give("not_abusive")}>
          {t("shield.notAbusive")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
