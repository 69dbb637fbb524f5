import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ApiToken } from "../../../../contracts/accounts.ts";
import { ApiError } from "../../api/client.ts";
import { useRevokeToken } from "./tokensApi.ts";

/** Confirms before revoking, since anything using the token breaks at once. */
export function RevokeTokenModal(props: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeToken();
  const token = props.token;

  const confirm = async () => {
    if (!token) return;
    try {
      await revoke.mutateAsync(token.id);
      notifications.show({
        color: "teal",
        message: t("tokens.revokedNotice", { name: token.name }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
    } catch (err) {
      notifications.show({
        color: "red",
        message: err instanceof ApiError ? err.message : t("common.genericError"),
      });
    }
  };

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={token !== null}
      onClose={props.onClose}
      title={t("tokens.revokeTitle")}
    >
      <Stack>
        <Text size="sm">{t("tokens.revokeBody", { name: token?.name ?? "" })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            {t("tokens.revokeConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
