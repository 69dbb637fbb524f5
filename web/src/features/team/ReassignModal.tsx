import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { type Member, useReassign } from "./teamApi.ts";

const NOBODY = "nobody";

/** Offered right after a deactivation: move that person's open cases to an active colleague. */
export function ReassignModal(props: {
  target: { member: Member; openCases: number } | null;
  staff: Member[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const reassign = useReassign();
  const [to, setTo] = useState<string>(NOBODY);
  const from = props.target?.member;
  useEffect(() => {
    if (from) setTo(NOBODY);
  }, [from]);
  const candidates = props.staff.filter((m) => m.status === "active" && m.id !== from?.id);

  const confirm = async () => {
    if (!from) return;
    try {
      const result = await reassign.mutateAsync({ fromId: from.id, toMemberId: to === NOBODY ? null : to });
      notifications.show({
        color: "teal",
        message: t("team.reassign.done", { count: result.moved }),
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
      opened={props.target !== null}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("team.reassign.title", { name: from?.name ?? "" })}
    >
      <Stack>
        <Text size="sm">
          {t("team.reassign.body", { name: from?.name ?? "", count: props.target?.openCases ?? 0 })}
        </Text>
        <Select
          label={t("team.reassign.to")}
          data={[
            ...candidates.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
            { value: NOBODY, label: t("team.reassign.nobody") },
          ]}
          value={to}
          onChange={(v) => setTo(v ?? NOBODY)}
          allowDeselect={false}
          searchable
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("team.reassign.later")}
          </Button>
          <Button onClick={confirm} loading={reassign.isPending}>
            {t("team.reassign.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
