import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconShare3 } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { useForward } from "./composerApi.ts";

/** "Forward" on a message: send it with its attachments to an outside address, with a note. */
export function ForwardButton(props: { caseId: string; messageId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        size="compact-xs"
        leftSection={<IconShare3 size={12} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t("composerExtras.forward")}
      </Button>
      {open && <ForwardModal {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function ForwardModal(props: { caseId: string; messageId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const forward = useForward(props.caseId, props.messageId);
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ field: string | undefined; message: string } | null>(null);
  const submit = async () => {
    try {
      await forward.mutateAsync({ to: to.trim(), ...(note.trim() ? { note } : {}) });
      notifications.show({ message: t("composerExtras.forwarded", { to: to.trim() }), color: "teal" });
      props.onClose();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      setError({ field, message: err instanceof ApiError ? err.message : t("common.genericError") });
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={t("composerExtras.forwardTitle")}>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput
          label={t("composerExtras.forwardTo")}
          type="email"
          required
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={error && error.field !== "note" ? error.message : undefined}
          data-autofocus
        />
        <Textarea
          label={t("composerExtras.forwardNote")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={error?.field === "note" ? error.message : undefined}
          autosize
          minRows={2}
        />
        <Text size="xs" c="dimmed">
          {t("composerExtras.forwardHint")}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={forward.isPending}>
            {t("composerExtras.forwardSend")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
