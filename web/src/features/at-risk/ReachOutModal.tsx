import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useReachOut } from "./atRiskApi.ts";
import { useAtRiskText } from "./atRiskText.ts";

/** "Reach out": subject and an internal note, then a proactive case for the customer. */
export function ReachOutModal(props: { customer: { id: string; name: string } | null; onClose: () => void }) {
  const { t } = useAtRiskText();
  const [subject, setSubject] = useState(() => t("atRisk.subjectDefault"));
  const [note, setNote] = useState("");
  const reach = useReachOut();
  const error = reach.error instanceof ApiError ? reach.error : null;
  const close = () => {
    reach.reset();
    setNote("");
    props.onClose();
  };
  return (
    <Modal
      opened={props.customer !== null}
      onClose={close}
      title={props.customer ? t("atRisk.reachOutTo", { name: props.customer.name }) : ""}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!props.customer) return;
          reach.mutate(
            { customerId: props.customer.id, subject, note: note.trim() || undefined },
            {
              onSuccess: (r) => {
                notifications.show({ message: t("atRisk.reached", { number: r.number }) });
                close();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("atRisk.subject")}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            required
            maxLength={200}
            error={error && error.field !== "note" ? error.message : undefined}
            data-autofocus
          />
          <Textarea
            label={t("atRisk.note")}
            description={t("atRisk.noteHelp")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={4000}
            autosize
            minRows={3}
            error={error?.field === "note" ? error.message : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("atRisk.cancel")}
            </Button>
            <Button type="submit" loading={reach.isPending}>
              {t("atRisk.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
