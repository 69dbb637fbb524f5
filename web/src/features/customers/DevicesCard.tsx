import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../../api/client.ts";
import { useCustomerWrite, useDevices } from "./customersApi.ts";

const EMPTY = { model: "", serial: "", firmware: "" };

/** The customer's devices, and a one-line form to add one. */
export function DevicesCard(props: { customerId: string }) {
  const { t } = useTranslation();
  const devices = useDevices(props.customerId);
  const [values, setValues] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const add = useCustomerWrite(
    props.customerId,
    (body: { model: string; serial: string; firmware?: string }) =>
      api(`/api/v1/customers/${props.customerId}/devices`, { body }),
  );

  const submit = async () => {
    if (!values.model.trim() || !values.serial.trim()) return setError(t("customers.required"));
    try {
      await add.mutateAsync({
        model: values.model.trim(),
        serial: values.serial.trim(),
        ...(values.firmware.trim() ? { firmware: values.firmware.trim() } : {}),
      });
      setValues(EMPTY);
      setError(null);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("customers.deviceAdded"),
        color: "teal",
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.genericError"));
    }
  };
  const items = devices.data?.items ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="devices-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="devices-heading">
          {t("customers.devices")}
        </Title>
        {items.length === 0 ? (
          <Text c="dimmed">{t("customers.noDevices")}</Text>
        ) : (
          <Table aria-labelledby="devices-heading">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers.model")}</Table.Th>
                <Table.Th>{t("customers.serial")}</Table.Th>
                <Table.Th>{t("customers.firmware")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/app/devices/${d.id}?customer=${props.customerId}`}
                      size="sm"
                      aria-label={t("diagnostics.openDevice", { model: d.model, serial: d.serial })}
                    >
                      {d.model}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{d.serial}</Table.Td>
                  <Table.Td>{d.firmware ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Group align="flex-start" gap="xs">
            {(["model", "serial", "firmware"] as const).map((key) => (
              <TextInput
                key={key}
                label={t(`customers.${key}`)}
                value={values[key]}
                onChange={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
                required={key !== "firmware"}
                error={key === "model" && error ? error : undefined}
                w={170}
              />
            ))}
            <Button type="submit" mt={25} variant="light" loading={add.isPending}>
              {t("customers.addDevice")}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}
