import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useMe } from "../auth/session.ts";
import { HoldDialog } from "./HoldDialog.tsx";
import { useEraseCustomer, useErasureState } from "./privacyApi.ts";
import { usePrivacyText } from "./privacyText.ts";

/**
 * The customer page's "Personal data" card, for admins: the erased state, the legal holds that
 * keep the data, placing a hold, and erasing (a dialog that asks for the name or ERASE typed).
 */
export function ErasureCard(props: { customerId: string; name: string }) {
  const { t } = usePrivacyText();
  const admin = useMe().data?.permissions.includes("workspace.manage") ?? false;
  const state = useErasureState(props.customerId);
  const [eraseOpen, erase] = useDisclosure(false);
  const [holdOpen, hold] = useDisclosure(false);
  if (!admin || !state.data) return null;
  const s = state.data;
  const date = (iso: string) => new Date(iso).toLocaleString();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="personal-data-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="personal-data-heading">
          {t("privacy.card.title")}
        </Title>
        {s.erasedAt ? (
          <Alert color="gray" data-testid="erased-notice">
            {t("privacy.card.erased", { date: date(s.erasedAt) })}
          </Alert>
        ) : s.erasure ? (
          <Alert color="yellow">{t("privacy.card.erasing", { date: date(s.erasure.requestedAt) })}</Alert>
        ) : (
          <>
            {s.holds.map((h) => (
              <Alert key={h.id} color="orange" data-testid="hold-notice">
                {t("privacy.card.heldBy", { reason: h.reason, by: h.placedByName })}
              </Alert>
            ))}
            <Group>
              <Button variant="default" onClick={hold.open}>
                {t("privacy.card.placeHold")}
              </Button>
              <Button color="red" variant="light" onClick={erase.open}>
                {t("privacy.card.erase")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <EraseDialog opened={eraseOpen} onClose={erase.close} customerId={props.customerId} name={props.name} />
      <HoldDialog opened={holdOpen} onClose={hold.close} target={{ customerId: props.customerId }} />
    </Paper>
  );
}

function EraseDialog(props: { opened: boolean; onClose: () => void; customerId: string; name: string }) {
  const { t } = usePrivacyText();
  const [typed, setTyped] = useState("");
  const erase = useEraseCustomer(props.customerId);
  const confirmed = typed.trim() === "ERASE" || (typed.trim() !== "" && typed.trim() === props.name.trim());
  const close = () => {
    setTyped("");
    erase.reset();
    props.onClose();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={t("privacy.erase.title", { name: props.name })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm">{t("privacy.erase.warning")}</Text>
        <TextInput
          label={t("privacy.erase.typeLabel")}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
        />
        {erase.error && (
          <Alert color="red" role="alert">
            {t("privacy.erase.refused", { message: erase.error.message })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("privacy.erase.cancel")}
          </Button>
          <Button
            color="red"
            disabled={!confirmed}
            loading={erase.isPending}
            onClick={() => erase.mutate(undefined, { onSuccess: close })}
          >
            {t("privacy.erase.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
