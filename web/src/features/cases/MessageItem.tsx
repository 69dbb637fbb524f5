import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { IconLock, IconPaperclip } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../../../contracts/cases.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { ChannelDeliverySlot } from "../channels/slots.tsx";
import { ForwardButton } from "../composer/ForwardButton.tsx";
import { Markdown } from "../composer/Markdown.tsx";
import { MessageShieldSlot } from "../conduct-shield/slots.tsx";
import { EmailBody } from "../email/EmailBody.tsx";
import { EmailMeta, UnknownSenderAlert } from "../email/EmailMeta.tsx";

// Customer on the left in neutral, agent replies tinted blue on the right, internal notes yellow
// with a lock and a label, so nobody mistakes a note for something the customer saw.
const LOOK = {
  customer: { bg: "var(--mantine-color-body)", border: "var(--mantine-color-gray-4)", align: "flex-start" },
  reply: { bg: "var(--mantine-color-blue-0)", border: "var(--mantine-color-blue-3)", align: "flex-end" },
  note: { bg: "var(--mantine-color-yellow-0)", border: "var(--mantine-color-yellow-5)", align: "stretch" },
} as const;

/**
 * `canForward`: staff who may write outside see "Forward" on each message. `actions`: more
 * buttons beside it (the case page's "Create article from this reply").
 */
export function MessageItem(props: { message: Message; canForward?: boolean; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const look = LOOK[m.kind];
  return (
    <Paper
      component="article"
      aria-label={`${t(`cases.kinds.${m.kind}`)}: ${m.author.name}`}
      data-kind={m.kind}
      withBorder
      radius="md"
      p="sm"
      maw={m.kind === "note" ? undefined : "85%"}
      style={{ alignSelf: look.align, background: look.bg, borderColor: look.border }}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Text fw={700} size="sm">
              {m.author.name}
            </Text>
            <Badge
              size="sm"
              // Filled yellow with dark text (autoContrast) stays readable; light yellow would not.
              variant={m.kind === "note" ? "filled" : "light"}
              autoContrast
              color={m.kind === "note" ? "yellow" : m.kind === "reply" ? "blue" : "gray"}
              leftSection={m.kind === "note" ? <IconLock size={10} aria-hidden /> : undefined}
            >
              {t(`cases.kinds.${m.kind}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {formatDateTime(m.createdAt, i18n.language)} · {t("cases.via", { channel: m.channel })}
          </Text>
        </Group>
        <UnknownSenderAlert message={m} />
        <EmailMeta message={m} />
        {m.kind === "reply" && m.channel === "social" && (
          <ChannelDeliverySlot caseId={m.caseId} messageId={m.id} />
        )}
        {/* Customer mail gets HTML, folding and image blocking; staff write markdown. A
            customer's words come with their tone, insults masked when abusive (conduct-shield). */}
        {m.kind !== "customer" ? (
          <Markdown source={m.body} messageBody />
        ) : (
          <MessageShieldSlot caseId={m.caseId} message={m} canWork={props.canForward ?? false}>
            {m.email ? (
              <EmailBody message={m} />
            ) : (
              <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }} data-message-body>
                {m.body}
              </Text>
            )}
          </MessageShieldSlot>
        )}
        {(props.canForward || props.actions) && (
          <Group justify="flex-end" gap="xs">
            {props.actions}
            {props.canForward && <ForwardButton caseId={m.caseId} messageId={m.id} />}
          </Group>
        )}
        {m.attachments.length > 0 && (
          <Group gap="xs" aria-label={t("cases.attachments")} role="group">
            {m.attachments.map((a) => (
              <Anchor key={a.id} href={`/api/v1/attachments/${a.id}`} size="sm" download={a.name}>
                <Group gap={4} wrap="nowrap">
                  <IconPaperclip size={14} aria-hidden />
                  {a.name} ({Math.max(1, Math.round(a.size / 1024))} KB)
                </Group>
              </Anchor>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
