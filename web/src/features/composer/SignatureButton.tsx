import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSignature } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { useSaveSignature, useSignature } from "./composerApi.ts";
import { Markdown } from "./Markdown.tsx";

/** "Edit signature" beside the composer: the agent's own markdown signature, with a preview. */
export function SignatureButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconSignature size={14} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t("composerExtras.editSignature")}
      </Button>
      {open && <SignatureModal onClose={() => setOpen(false)} />}
    </>
  );
}

function SignatureModal(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const current = useSignature();
  const save = useSaveSignature();
  const [body, setBody] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (current.data && body === null) setBody(current.data.body);
  }, [current.data, body]);
  const submit = async () => {
    try {
      await save.mutateAsync(body ?? "");
      notifications.show({ message: t("composerExtras.signatureSaved"), color: "teal" });
      props.onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.genericError"));
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={t("composerExtras.signatureTitle")} size="lg">
      <Stack>
        <Textarea
          label={t("composerExtras.signatureBody")}
          value={body ?? ""}
          onChange={(e) => setBody(e.currentTarget.value)}
          disabled={body === null}
          error={error}
          autosize
          minRows={3}
          data-autofocus
        />
        {body ? (
          <Markdown source={body} />
        ) : (
          <Text size="sm" c="dimmed">
            {t("composerExtras.previewEmpty")}
          </Text>
        )}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={save.isPending} disabled={body === null}>
            {t("composerExtras.signatureSave")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
