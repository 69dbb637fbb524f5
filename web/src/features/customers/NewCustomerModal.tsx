import { Button, Group, Modal, Stack, TagsInput, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client.ts";
import { createCustomer } from "./customersApi.ts";

const EMPTY = {
  name: "",
  organization: "",
  emails: [] as string[],
  phones: [] as string[],
  accounts: [] as string[],
};

/** Which list an identity_taken error belongs to, from the server's field ("emails.0", "phones"…). */
function fieldOf(err: ApiError): string {
  const field = err.field ?? "";
  if (field.startsWith("email")) return "emails";
  if (field.startsWith("phone")) return "phones";
  if (field.startsWith("account")) return "accounts";
  return field || "name";
}

export function NewCustomerModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof EMPTY>) => setValues({ ...values, ...patch });

  const submit = async () => {
    if (!values.name.trim()) return setErrors({ name: t("customers.required") });
    setBusy(true);
    setErrors({});
    try {
      const customer = await createCustomer({
        name: values.name.trim(),
        organization: values.organization.trim() || null,
        emails: values.emails,
        phones: values.phones,
        accounts: values.accounts,
      });
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("customers.created", { name: customer.name }),
        color: "teal",
      });
      setValues(EMPTY);
      props.onClose();
      navigate(`/app/customers/${customer.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) return setErrors({ name: t("common.genericError") });
      setErrors({ [fieldOf(err)]: err.message });
    } finally {
      setBusy(false);
    }
  };

  const list = (key: "emails" | "phones" | "accounts") => (
    <TagsInput
      label={t(`customers.${key}`)}
      description={t("customers.listHint")}
      value={values[key]}
      onChange={(v) => set({ [key]: v })}
      error={errors[key]}
      // Phone numbers contain commas rarely but spaces often; only Enter and comma split.
      splitChars={[","]}
    />
  );

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={props.opened}
      onClose={props.onClose}
      title={t("customers.new")}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <TextInput
            label={t("customers.name")}
            value={values.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
            required
            data-autofocus
          />
          <TextInput
            label={t("customers.organization")}
            value={values.organization}
            onChange={(e) => set({ organization: e.currentTarget.value })}
            error={errors.organization}
          />
          {list("emails")}
          {list("phones")}
          {list("accounts")}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("customers.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
