import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { type RefObject, useState } from "react";
import type { CaseChat } from "../../../../contracts/widget.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useCaseChat } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";
import { TransferModal } from "./TransferModal.tsx";
import { useAgentTyping, useMarkReadWhileViewing, useVisitorLive } from "./useChatLive.ts";

const STATUS_COLOURS: Record<CaseChat["status"], string> = {
  waiting: "grape",
  active: "teal",
  offline: "gray",
  ended: "dark",
};

/** Only web addresses become links: a page URL comes from the visitor's browser. */
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);

/**
 * The chat beside a case of channel "chat": who the visitor is (online, verified or not), the
 * page they are on (live), their attributes, the chat's state and timing, the visitor's typing
 * and "Seen"; the agent's keystrokes tell the visitor they are typing, and opening the chat
 * marks it read. The transfer button hands it on.
 */
export function CaseChatPanel(props: {
  caseId: string;
  canWork: boolean;
  composer: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t, i18n } = useChatText();
  const chat = useCaseChat(props.caseId);
  const visitorTyping = useVisitorLive(props.caseId);
  useAgentTyping(props.caseId, props.composer);
  useMarkReadWhileViewing(props.caseId, props.canWork && chat.isSuccess);
  const [transferring, setTransferring] = useState(false);

  if (chat.isPending) return null;
  if (chat.isError)
    return (
      <Alert color="red" title={t("chat.panel.title")}>
        {t("chat.loadError", { message: chat.error.message })}
      </Alert>
    );
  const c = chat.data;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const visitorName = c.visitorName ?? t("chat.panel.anonymous");
  const attributes = Object.entries(c.attributes);
  const waitedSeconds = c.firstReplyAt
    ? Math.max(0, Math.round((Date.parse(c.firstReplyAt) - Date.parse(c.startedAt)) / 1000))
    : null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="case-chat-heading">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h5" id="case-chat-heading">
            {t("chat.panel.title")}
          </Title>
          {props.canWork && (
            <Button size="xs" variant="light" onClick={() => setTransferring(true)}>
              {t("chat.panel.transfer")}
            </Button>
          )}
        </Group>
        <Group gap={6}>
          <Text fw={600} size="sm">
            {visitorName}
          </Text>
          <Badge color={c.visitorOnline ? "teal" : "gray"} variant="light" data-testid="chat-online">
            {c.visitorOnline ? t("chat.panel.online") : t("chat.panel.offline")}
          </Badge>
          <Badge color={c.verified ? "blue" : "gray"} variant="outline">
            {c.verified ? t("chat.panel.verified") : t("chat.panel.unverified")}
          </Badge>
        </Group>
        {c.visitorEmail && (
          <Text size="sm">
            {c.visitorEmailVerified
              ? c.visitorEmail
              : t("chat.panel.unverifiedEmail", { email: c.visitorEmail })}
          </Text>
        )}
        <Stack gap={0} component="dl" m={0}>
          <Text component="dt" size="xs" c="dimmed">
            {t("chat.panel.currentPage")}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }} data-testid="chat-page">
            {c.currentPage ? (
              <Anchor href={safeHref(c.currentPage.url)} target="_blank" rel="noopener noreferrer nofollow">
                {c.currentPage.title || c.currentPage.url}
              </Anchor>
            ) : (
              t("chat.panel.noPage")
            )}
          </Text>
          <Text component="dt" size="xs" c="dimmed" mt={6}>
            {t("chat.panel.status")}
          </Text>
          <Text component="dd" size="sm" m={0}>
            <Badge color={STATUS_COLOURS[c.status]} variant="light">
              {t(`chat.panel.statuses.${c.status}`)}
            </Badge>{" "}
            {t("chat.panel.started", { when: when(c.startedAt) })}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {waitedSeconds === null
              ? t("chat.panel.waiting")
              : t("chat.panel.waited", { seconds: waitedSeconds })}
          </Text>
          {c.offlineEmail && (
            <Text component="dd" size="sm" m={0}>
              {t("chat.panel.offlineEmail", { email: c.offlineEmail })}
            </Text>
          )}
          {attributes.length > 0 && (
            <>
              <Text component="dt" size="xs" c="dimmed" mt={6}>
                {t("chat.panel.attributes")}
              </Text>
              {attributes.map(([key, value]) => (
                <Text component="dd" size="sm" m={0} key={key} style={{ overflowWrap: "anywhere" }}>
                  {key}: {typeof value === "string" ? value : JSON.stringify(value)}
                </Text>
              ))}
            </>
          )}
        </Stack>
        <Text size="sm" c="dimmed" role="status" aria-live="polite" mih={20}>
          {visitorTyping
            ? t("chat.panel.typing", { name: c.visitorName ?? t("chat.panel.visitor") })
            : c.visitorReadAt
              ? t("chat.panel.seen", { when: when(c.visitorReadAt) })
              : ""}
        </Text>
      </Stack>
      {transferring && <TransferModal caseId={props.caseId} onClose={() => setTransferring(false)} />}
    </Paper>
  );
}
