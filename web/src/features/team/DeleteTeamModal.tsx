import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { type Team, useDeleteTeam } from "./teamApi.ts";

/** Confirms deleting a team; its cases stay, without a team. */
export function DeleteTeamModal(props: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteTeam();
  const team = props.team;

  const confirm = async () => {
    if (!team) return;
    try {
      await remove.mutateAsync(team.id);
      notifications.show({
        color: "teal",
        message: t("team.teams.deleted", { name: team.name }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
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
      opened={team !== null}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("team.teams.deleteTitle", { name: team?.name ?? "" })}
    >
      <Stack>
        <Text size="sm">{t("team.teams.deleteBody")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            {t("team.teams.deleteConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
