import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useAcademySupportText } from "./academySupportText.ts";
import { useRevokeCertificate } from "./staffApi.ts";

/**
 * "Revoke" beside a valid certificate in the customer panel (staff with academy.manage): a
 * dialog asks why, since the public verify page shows the reason. The server decides whether a
 * reason is given; its answer naming the field shows under the reason box.
 */
export function RevokeCertificate(props: { customerId: string; certificateId: string; title: string }) {
  const { t } = useAcademySupportText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const revoke = useRevokeCertificate(props.customerId);
  const err = revoke.error;
  const fieldError = err instanceof ApiError && err.field === "reason" ? err.message : undefined;
  const close = () => {
    setOpen(false);
    setReason("");
    revoke.reset();
  };
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        onClick={() => setOpen(true)}
        aria-label={t("academySupport.revokeOne", { title: props.title })}
      >
        {t("academySupport.revoke")}
      </Button>
      <Modal
        opened={open}
        onClose={close}
        title={t("academySupport.revokeTitle", { title: props.title })}
        closeButtonProps={{ "aria-label": t("academySupport.close") }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            revoke.mutate({ certificateId: props.certificateId, reason }, { onSuccess: close });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t("academySupport.revokeExplain")}</Text>
            <Textarea
              label={t("academySupport.revokeReason")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError}
              withAsterisk
              autosize
              minRows={2}
              maxLength={500}
              data-autofocus
            />
            {err && !fieldError && (
              <Alert color="red" role="alert">
                {err.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("academySupport.cancel")}
              </Button>
              <Button type="submit" color="red" loading={revoke.isPending}>
                {t("academySupport.revokeConfirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
