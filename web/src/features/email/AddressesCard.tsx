import { Button, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconRefresh, IconSettings } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { emailHealthSchema } from "../../../../contracts/email.ts";
import { supportAddressInputSchema } from "../../../../contracts/email.ts";
import { ApiError } from "../../api/client.ts";
import { relativeTime } from "../inbox/waiting.ts";
import { useAddAddress, usePollNow } from "./emailApi.ts";
import { ImapSettingsModal } from "./ImapSettingsModal.tsx";
import { ImapStatus } from "./ImapStatus.tsx";

type Address = z.infer<typeof emailHealthSchema>["addresses"][number];

/**
 * The addresses customers write to, when each last received mail, the mailbox polled for each
 * (set up in a dialog, polled on demand), and a form to add an address.
 */
export function AddressesCard(props: { addresses: Address[] }) {
  const { t, i18n } = useTranslation();
  const add = useAddAddress();
  const poll = usePollNow();
  const [editingId, setEditingId] = useState<string | undefined>();
  // Look the address up on each render so the dialog sees fresh data after a save.
  const editing = props.addresses.find((a) => a.id === editingId);
  const pollNow = async (a: Address) => {
    try {
      const result = await poll.mutateAsync(a.id);
      if (result.error) throw new Error(t("email.imap.lastFailed", { error: result.error }));
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("email.imap.polled", { count: result.stored, fetched: result.fetched }),
        color: "teal",
      });
    } catch (err) {
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: err instanceof Error ? err.message : t("common.genericError"),
        color: "red",
      });
    }
  };
  const form = useForm({
    initialValues: { address: "" },
    validate: {
      address: (v) =>
        supportAddressInputSchema.safeParse({ address: v.trim() }).success
          ? null
          : t("email.settings.invalid"),
    },
  });
  const submit = form.onSubmit(async ({ address }) => {
    try {
      const created = await add.mutateAsync(address.trim());
      form.reset();
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("email.settings.added", { address: created.address }),
        color: "teal",
      });
    } catch (err) {
      form.setFieldError("address", err instanceof ApiError ? err.message : t("common.genericError"));
    }
  });

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="email-addresses-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Text component="h2" id="email-addresses-title" fw={700} size="lg" m={0}>
            {t("email.settings.addressesTitle")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("email.settings.addressesIntro")}
          </Text>
        </Stack>
        <Table verticalSpacing="xs" aria-labelledby="email-addresses-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("email.settings.address")}</Table.Th>
              <Table.Th>{t("email.settings.lastReceived")}</Table.Th>
              <Table.Th>{t("email.imap.column")}</Table.Th>
              <Table.Th>{t("email.settings.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.addresses.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed">
                    {t("email.settings.noAddresses")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {props.addresses.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td fw={600}>{a.address}</Table.Td>
                <Table.Td>
                  {a.lastReceivedAt ? (
                    <time dateTime={a.lastReceivedAt} title={new Date(a.lastReceivedAt).toLocaleString()}>
                      {relativeTime(a.lastReceivedAt, i18n.language)}
                    </time>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t("email.settings.never")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ImapStatus imap={a.imap} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconSettings size={14} aria-hidden />}
                      onClick={() => setEditingId(a.id)}
                      aria-label={t(a.imap ? "email.imap.editFor" : "email.imap.connectFor", {
                        address: a.address,
                      })}
                    >
                      {a.imap ? t("email.imap.edit") : t("email.imap.connect")}
                    </Button>
                    {a.imap && (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconRefresh size={14} aria-hidden />}
                        loading={poll.isPending && poll.variables === a.id}
                        onClick={() => pollNow(a)}
                        aria-label={t("email.imap.pollFor", { address: a.address })}
                      >
                        {t("email.imap.poll")}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t("email.settings.newAddress")}
              placeholder="help@example.com"
              type="email"
              style={{ flex: 1, minWidth: 220 }}
              {...form.getInputProps("address")}
            />
            <Button
              type="submit"
              mt={25}
              loading={add.isPending}
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t("email.settings.add")}
            </Button>
          </Group>
        </form>
      </Stack>
      <ImapSettingsModal address={editing} onClose={() => setEditingId(undefined)} />
    </Paper>
  );
}
