import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { KNOWN_FACT_KEYS } from "../../../../contracts/customers.ts";
import { ApiError } from "../../api/client.ts";
import { recordFact, useCustomerWrite } from "./customersApi.ts";

type Props = {
  opened: boolean;
  onClose: () => void;
  customer: { id: string; name: string };
  /** The case the fact was learnt in, so the fact keeps its source. */
  caseId?: string;
  initialValue?: string;
};

/** Key, value, save: recording a fact should never take longer than saying it. */
export function RecordFactModal(props: Props) {
  const { t } = useTranslation();
  const [key, setKey] = useState<string>("address");
  const [custom, setCustom] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const save = useCustomerWrite(props.customer.id, (input: { key: string; value: string }) =>
    recordFact(props.customer.id, { ...input, caseId: props.caseId }),
  );

  useEffect(() => {
    if (!props.opened) return;
    setValue(props.initialValue ?? "");
    setError(null);
  }, [props.opened, props.initialValue]);

  const submit = async () => {
    const factKey = key === "custom" ? `custom.${custom.trim().toLowerCase()}` : key;
    if (key === "custom" && !/^[a-z][a-z0-9_]{0,40}$/.test(custom.trim().toLowerCase())) {
      setError({ field: "custom", message: t("customers.customKeyHint") });
      return;
    }
    if (!value.trim()) {
      setError({ field: "value", message: t("customers.required") });
      return;
    }
    try {
      await save.mutateAsync({ key: factKey, value: value.trim() });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("customers.factRecorded"),
        color: "teal",
      });
      props.onClose();
    } catch (err) {
      const message = err instanceof ApiError ? err.message : t("common.genericError");
      setError({ field: err instanceof ApiError && err.field === "key" ? "custom" : "value", message });
    }
  };

  const keys = [...KNOWN_FACT_KEYS, "custom" as const].map((k) => ({
    value: k,
    label: t(`customers.factKeys.${k}`),
  }));

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={props.opened}
      onClose={props.onClose}
      title={t("customers.recordFactTitle", { name: props.customer.name })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Select
            label={t("customers.factKey")}
            data={keys}
            value={key}
            onChange={(v) => setKey(v ?? "address")}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
          />
          {key === "custom" && (
            <TextInput
              label={t("customers.customKey")}
              description={t("customers.customKeyHint")}
              value={custom}
              onChange={(e) => setCustom(e.currentTarget.value)}
              error={error?.field === "custom" ? error.message : undefined}
              required
            />
          )}
          <Textarea
            label={t("customers.factValue")}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={error?.field === "value" ? error.message : undefined}
            autosize
            minRows={1}
            data-autofocus
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("customers.saveFact")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
