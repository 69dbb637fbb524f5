import { Anchor, Avatar, Group, Paper, Stack, Text } from "@mantine/core";
import { IconPaperclip } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../../../contracts/cases.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { Markdown } from "../composer/Markdown.tsx";
import classes from "./portal.module.css";

function Bubble(props: { message: Message }) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const mine = m.kind === "customer";
  // Agents use their own names with customers (pillar 4); the customer's side simply says "You".
  const who = mine ? t("portal.request.you") : m.author.name;
  return (
    <Paper
      component="li"
      withBorder
      radius="lg"
      p="md"
      className={`${classes.bubble} ${mine ? classes.mine : classes.theirs}`}
    >
      <Group gap="sm" mb={6} wrap="nowrap">
        {!mine && <Avatar name={m.author.name} color="blue" size={28} radius="xl" aria-hidden />}
        <Text size="sm" fw={700}>
          {who}
        </Text>
        {!mine && (
          <Text size="xs" c="dimmed">
            {t("portal.request.team")}
          </Text>
        )}
        <Text size="xs" c="dimmed" ml="auto" component="time" dateTime={m.createdAt}>
          {formatDateTime(m.createdAt, i18n.language)}
        </Text>
      </Group>
      {/* Agents write markdown; the customer's own words stay as typed. */}
      {mine ? (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {m.body}
        </Text>
      ) : (
        <Markdown source={m.body} />
      )}
      {m.attachments.length > 0 && (
        <Group gap="sm" mt="sm">
          {m.attachments.map((a) => (
            <Anchor key={a.id} href={`/api/v1/attachments/${a.id}`} size="sm" download={a.name}>
              <Group gap={4} component="span" wrap="nowrap">
                <IconPaperclip size={14} aria-hidden />
                {a.name}
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
    </Paper>
  );
}

/**
 * The request's public conversation, oldest first. A polite live region, so a screen reader
 * hears an agent's answer arrive without moving focus.
 */
export function Conversation(props: { messages: Message[] }) {
  const { t } = useTranslation();
  return (
    <Stack
      component="ol"
      gap="md"
      m={0}
      p={0}
      style={{ listStyle: "none" }}
      aria-label={t("portal.request.conversation")}
      aria-live="polite"
    >
      {props.messages.map((m) => (
        <Bubble key={m.id} message={m} />
      ))}
    </Stack>
  );
}
