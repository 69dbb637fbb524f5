import { Alert, Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import { usePlaceHold } from "./privacyApi.ts";
import { usePrivacyText } from "./privacyText.ts";

/**
 * Placing a legal hold on a customer (the customer page's card) or on one case (the case
 * page's card): a reason is required, and the server's refusal is shown as it is.
 */
export function HoldDialog(props: {
  opened: boolean;
  onClose: () => void;
  target: { customerId: string } | { caseId: string };
}) {
  const { t } = usePrivacyText();
  const [reason, setReason] = useState("");
  const place = usePlaceHold();
  const close = () => {
    setReason("");
    place.reset();
    props.onClose();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={t("privacy.hold.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          place.mutate({ ...props.target, reason }, { onSuccess: close });
        }}
      >
        <Stack>
          <Textarea
            label={t("privacy.hold.reason")}
            description={t("privacy.hold.reasonHint")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={500}
          />
          {place.error && (
            <Alert color="red" role="alert">
              {t("privacy.hold.failed", { message: place.error.message })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={place.isPending} disabled={reason.trim() === ""}>
              {t("privacy.hold.place")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
