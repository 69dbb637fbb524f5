import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCustomerWrite, useDuplicates } from "./customersApi.ts";

type Duplicate = { customer: { id: string; name: string }; reasons: string[] };

/** "Possible duplicate: X (same phone)" with a confirmed merge, so one person has one history. */
export function DuplicateNotice(props: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const duplicates = useDuplicates(props.customer.id);
  const [target, setTarget] = useState<Duplicate | null>(null);
  const [opened, { open, close }] = useDisclosure();
  const merge = useCustomerWrite(props.customer.id, (duplicateId: string) =>
    api(`/api/v1/customers/${props.customer.id}/merge`, { body: { duplicateId } }),
  );
  const items = duplicates.data?.items ?? [];
  if (items.length === 0) return null;

  const reasonText = (reasons: string[]) =>
    reasons
      .map((r) =>
        r === "same_phone" || r === "same_email_local_part_and_name" || r === "same_name"
          ? t(`customers.duplicateReasons.${r}`)
          : r,
      )
      .join(", ");
  const names = { duplicate: target?.customer.name ?? "", name: props.customer.name };

  const confirm = async () => {
    if (!target) return;
    try {
      await merge.mutateAsync(target.customer.id);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("customers.merged", names),
        color: "teal",
      });
      close();
      await duplicates.refetch();
    } catch {
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("common.genericError"),
        color: "red",
      });
    }
  };

  return (
    <>
      {items.map((d) => (
        <Alert key={d.customer.id} color="yellow" variant="light" icon={<IconUsers size={18} aria-hidden />}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {t("customers.duplicate", { name: d.customer.name, reasons: reasonText(d.reasons) })}
            </Text>
            <Button
              size="xs"
              variant="white"
              color="dark"
              onClick={() => {
                setTarget(d);
                open();
              }}
            >
              {t("customers.merge")}
            </Button>
          </Group>
        </Alert>
      ))}
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={opened}
        onClose={close}
        title={t("customers.mergeTitle", names)}
      >
        <Stack>
          <Text size="sm">{t("customers.mergeBody", names)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button color="red" loading={merge.isPending} onClick={() => void confirm()}>
              {t("customers.mergeConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
