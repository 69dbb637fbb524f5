import {
  Alert,
  Button,
  CloseButton,
  FileButton,
  Group,
  Paper,
  Pill,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconPaperclip, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { fileToAttachment, MAX_ATTACHMENT_BYTES } from "./fileToBase64.ts";
import { useSendMessage } from "./portalApi.ts";

/** The customer's reply: plain text, optional files, and a clear answer when the request is closed. */
export function ReplyBox(props: { caseId: string; onClosed: () => void }) {
  const { t } = useTranslation();
  const send = useSendMessage(props.caseId);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { body: "" },
    validate: { body: (v) => (v.trim() ? null : t("portal.new.required")) },
  });

  const addFiles = (picked: File[]) => {
    const tooBig = picked.find((f) => f.size > MAX_ATTACHMENT_BYTES);
    setError(tooBig ? t("portal.request.fileTooBig", { name: tooBig.name }) : null);
    setFiles((current) => [...current, ...picked.filter((f) => f.size <= MAX_ATTACHMENT_BYTES)].slice(0, 10));
  };

  const submit = form.onSubmit(async ({ body }) => {
    setError(null);
    try {
      const attachments = await Promise.all(files.map(fileToAttachment));
      await send.mutateAsync({ body: body.trim(), attachments });
      form.reset();
      setFiles([]);
      notifications.show({
        color: "teal",
        message: t("portal.request.sent"),
        closeButtonProps: { "aria-label": t("common.close") },
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === "case_closed") props.onClosed();
      else if (err instanceof ApiError && err.field === "body") form.setFieldError("body", err.message);
      else setError(err instanceof ApiError ? err.message : t("common.networkError"));
    }
  });

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="reply-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text component="h2" id="reply-title" fw={700} size="md" m={0}>
            {t("portal.request.replyTitle")}
          </Text>
          {error && (
            <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
              {error}
            </Alert>
          )}
          <Textarea
            label={t("portal.request.replyLabel")}
            placeholder={t("portal.request.replyPlaceholder")}
            autosize
            minRows={4}
            maxRows={14}
            required
            {...form.getInputProps("body")}
          />
          {files.length > 0 && (
            <Group gap="xs">
              {files.map((f, i) => (
                <Pill key={`${f.name}-${f.size}-${f.lastModified}`} size="lg">
                  <Group gap={4} wrap="nowrap" component="span">
                    {f.name}
                    <CloseButton
                      size="xs"
                      aria-label={t("portal.request.removeFile", { name: f.name })}
                      onClick={() => setFiles((cur) => cur.filter((_, j) => j !== i))}
                    />
                  </Group>
                </Pill>
              ))}
            </Group>
          )}
          <Group justify="space-between" align="center">
            <Stack gap={2}>
              <FileButton onChange={addFiles} multiple>
                {(p) => (
                  <Button {...p} variant="default" leftSection={<IconPaperclip size={16} aria-hidden />}>
                    {t("portal.request.attach")}
                  </Button>
                )}
              </FileButton>
              <Text size="xs" c="dimmed">
                {t("portal.request.attachHint")}
              </Text>
            </Stack>
            <Button
              type="submit"
              size="md"
              loading={send.isPending}
              leftSection={<IconSend size={18} aria-hidden />}
            >
              {t("portal.request.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
