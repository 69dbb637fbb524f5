import { Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Customer, IDENTITY_KINDS } from "../../../../contracts/customers.ts";
import { ApiError, api } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { KeyValues } from "./CustomerPanel.tsx";
import { useCustomerWrite } from "./customersApi.ts";
import { identityText, usePhoneFormat } from "./phone.ts";

type Kind = (typeof IDENTITY_KINDS)[number];

/** Name, organization and contact details, each editable in place. */
export function CustomerProfile(props: { customer: Customer }) {
  const { t } = useTranslation();
  const c = props.customer;
  const phone = usePhoneFormat();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(c.name);
  const [org, setOrg] = useState(c.organization ?? "");
  const [kind, setKind] = useState<Kind>("email");
  const [value, setValue] = useState("");
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const patch = useCustomerWrite(c.id, (body: { name: string; organization: string | null }) =>
    api(`/api/v1/customers/${c.id}`, { method: "PATCH", body }),
  );
  const addIdentity = useCustomerWrite(c.id, (body: { kind: Kind; value: string }) =>
    api(`/api/v1/customers/${c.id}/identities`, { body }),
  );
  const fail = (field: string, err: unknown) =>
    setError({ field, message: err instanceof ApiError ? err.message : t("common.genericError") });

  const save = async () => {
    if (!name.trim()) return setError({ field: "name", message: t("customers.required") });
    try {
      await patch.mutateAsync({ name: name.trim(), organization: org.trim() || null });
      setEditing(false);
      setError(null);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("customers.saved"),
        color: "teal",
      });
    } catch (err) {
      fail("name", err);
    }
  };
  const add = async () => {
    if (!value.trim()) return setError({ field: "identity", message: t("customers.required") });
    try {
      await addIdentity.mutateAsync({ kind, value: value.trim() });
      setValue("");
      setError(null);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("customers.identityAdded"),
        color: "teal",
      });
    } catch (err) {
      fail("identity", err);
    }
  };

  return (
    <Stack gap="md">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t("customers.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.field === "name" ? error.message : undefined}
              required
            />
            <TextInput
              label={t("customers.organization")}
              value={org}
              onChange={(e) => setOrg(e.currentTarget.value)}
            />
            <Button type="submit" loading={patch.isPending}>
              {t("customers.save")}
            </Button>
            <Button variant="default" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </Button>
          </Group>
        </form>
      ) : (
        <Group justify="space-between" align="flex-start">
          <div>
            <PageTitle>{c.name}</PageTitle>
            {c.organization && <Text c="dimmed">{c.organization}</Text>}
          </div>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t("customers.edit")}
          </Button>
        </Group>
      )}
      <Stack gap="xs" component="section" aria-labelledby="identities-heading">
        <Title order={2} size="h5" id="identities-heading">
          {t("customers.identities")}
        </Title>
        <KeyValues
          rows={c.identities.map((i) => ({
            key: i.id,
            label: t(`customers.identityKinds.${i.kind}`),
            value: identityText(i, phone),
          }))}
          empty="—"
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Group align="flex-start" gap="xs">
            <Select
              label={t("customers.identityKind")}
              data={IDENTITY_KINDS.map((k) => ({ value: k, label: t(`customers.identityKinds.${k}`) }))}
              value={kind}
              onChange={(v) => setKind((v as Kind | null) ?? "email")}
              allowDeselect={false}
              w={120}
            />
            <TextInput
              label={t("customers.identityValue")}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={error?.field === "identity" ? error.message : undefined}
              w={260}
            />
            <Button type="submit" mt={25} variant="light" loading={addIdentity.isPending}>
              {t("customers.addIdentity")}
            </Button>
          </Group>
        </form>
      </Stack>
    </Stack>
  );
}
