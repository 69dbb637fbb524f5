import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { fetchOpenCaseCount, type Member, useUpdateMember } from "./teamApi.ts";

/**
 * Confirms deactivating (or reactivating) someone. After a deactivation it counts the person's
 * open cases and hands them to onNeedsReassign, so no customer is left waiting on someone gone.
 */
export function MemberStatusModal(props: {
  member: Member | null;
  onClose: () => void;
  onNeedsReassign: (member: Member, openCases: number) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateMember();
  const m = props.member;
  const deactivating = m?.status === "active";

  const confirm = async () => {
    if (!m) return;
    try {
      await update.mutateAsync({ id: m.id, status: deactivating ? "deactivated" : "active" });
      notifications.show({
        color: "teal",
        message: t(deactivating ? "team.deactivated" : "team.reactivated", { name: m.name }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      const open = deactivating ? await fetchOpenCaseCount(m.id).catch(() => 0) : 0;
      props.onClose();
      if (open > 0) props.onNeedsReassign(m, open);
    } catch (err) {
      notifications.show({
        color: "red",
        message: err instanceof ApiError ? err.message : t("common.genericError"),
        closeButtonProps: { "aria-label": t("common.close") },
      });
    }
  };

  return (
    <Modal
      opened={m !== null}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t(deactivating ? "team.deactivateTitle" : "team.reactivateTitle", { name: m?.name ?? "" })}
    >
      <Stack>
        <Text size="sm">{t(deactivating ? "team.deactivateBody" : "team.reactivateBody")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button color={deactivating ? "red" : "teal"} onClick={confirm} loading={update.isPending}>
            {t(deactivating ? "team.deactivate" : "team.reactivate")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
