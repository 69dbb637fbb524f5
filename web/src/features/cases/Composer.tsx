import {
  Button,
  CloseButton,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPaperclip, IconSend } from "@tabler/icons-react";
import { type RefObject, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "../../../../contracts/cases.ts";
import { ApiError } from "../../api/client.ts";
import { useEmailStatus } from "../email/emailApi.ts";
import { fileToBase64, usePostMessage } from "./casesApi.ts";

/**
 * What happened to a reply, said plainly: nothing has left while it is queued, and without a
 * relay it will not leave until email is set up. A reply to a customer without email is simply
 * added (they read it in the portal).
 */
function replyOutcome(m: Message, relayConfigured: boolean | undefined) {
  if (m.email?.deliveryStatus !== "queued") return "cases.composer.added" as const;
  return relayConfigured ? ("cases.composer.sending" as const) : ("cases.composer.queued" as const);
}

export type ComposerMode = "reply" | "note";

type Props = {
  caseId: string;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onTypingChange: (typing: boolean) => void;
  /** Engineers may add internal notes but never write to the customer. */
  notesOnly?: boolean;
};

/** Reply or internal note, with attachments. Ctrl/Cmd+Enter sends. */
export function Composer(props: Props) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const post = usePostMessage(props.caseId);
  const relay = useEmailStatus();
  const mode: ComposerMode = props.notesOnly ? "note" : props.mode;
  const note = mode === "note";

  const setText = (value: string) => {
    setBody(value);
    props.onTypingChange(value.trim().length > 0);
  };

  const send = async () => {
    if (!body.trim()) return setError(t("customers.required"));
    setError(null);
    try {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          contentType: f.type || "application/octet-stream",
          dataBase64: await fileToBase64(f),
        })),
      );
      const posted = await post.mutateAsync({ body: body.trim(), kind: mode, attachments });
      setText("");
      setFiles([]);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: note ? t("cases.composer.noted") : t(replyOutcome(posted, relay.data?.relayConfigured)),
        color: "teal",
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.genericError"));
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="form"
      aria-label={t("cases.composer.label")}
      bg={note ? "var(--mantine-color-yellow-0)" : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Stack gap="xs">
        {!props.notesOnly && (
          <SegmentedControl
            aria-label={t("cases.composer.mode")}
            value={mode}
            onChange={(v) => props.onModeChange(v as ComposerMode)}
            data={[
              { value: "reply", label: t("cases.composer.reply") },
              { value: "note", label: t("cases.composer.note") },
            ]}
            w="fit-content"
          />
        )}
        <Textarea
          ref={props.textareaRef}
          label={note ? t("cases.composer.noteBody") : t("cases.composer.replyBody")}
          value={body}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
          error={error}
          autosize
          minRows={3}
          maxRows={12}
        />
        {files.length > 0 && (
          <Group gap="xs">
            {files.map((f) => (
              <Group key={f.name} gap={2} wrap="nowrap">
                <Text size="sm">{f.name}</Text>
                <CloseButton
                  size="sm"
                  aria-label={t("cases.composer.remove", { name: f.name })}
                  onClick={() => setFiles(files.filter((x) => x !== f))}
                />
              </Group>
            ))}
          </Group>
        )}
        <Group justify="space-between">
          <FileButton multiple onChange={(picked) => setFiles([...files, ...picked])}>
            {(fileProps) => (
              <Button variant="subtle" leftSection={<IconPaperclip size={16} aria-hidden />} {...fileProps}>
                {t("cases.composer.attach")}
              </Button>
            )}
          </FileButton>
          <Button
            type="submit"
            color={note ? "yellow" : undefined}
            autoContrast
            loading={post.isPending}
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {note ? t("cases.composer.addNote") : t("cases.composer.send")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
