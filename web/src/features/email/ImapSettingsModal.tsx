import { Button, Group, Modal, NumberInput, PasswordInput, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { emailHealthSchema } from "../../../../contracts/email.ts";
import { ApiError } from "../../api/client.ts";
import { useRemoveImap, useSaveImap } from "./emailApi.ts";

type Address = z.infer<typeof emailHealthSchema>["addresses"][number];

const FIELDS = ["host", "port", "user", "password", "mailbox"] as const;
type FormValues = {
  host: string;
  port: number | string;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  enabled: boolean;
};

/**
 * Connects an existing IMAP mailbox to a support address, or edits it. The stored password is
 * never sent to the browser: the field starts empty, and leaving it empty keeps the saved one.
 * `address` undefined means closed.
 */
export function ImapSettingsModal(props: { address: Address | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveImap();
  const remove = useRemoveImap();
  const { address } = props;
  const configured = Boolean(address?.imap);
  const form = useForm<FormValues>({
    initialValues: {
      host: "",
      port: "",
      secure: true,
      user: "",
      password: "",
      mailbox: "INBOX",
      enabled: true,
    },
    validate: {
      host: (v) => (v.trim() ? null : t("email.imap.hostRequired")),
      port: (v) =>
        v === "" || (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 65535)
          ? null
          : t("email.imap.portInvalid"),
      user: (v) => (v.trim() ? null : t("email.imap.userRequired")),
      password: (v) => (v || configured ? null : t("email.imap.passwordRequired")),
      mailbox: (v) => (v.trim() ? null : t("email.imap.mailboxRequired")),
    },
  });
  // Reload the form whenever a different address is opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is a new object each render
  useEffect(() => {
    if (!address) return;
    const imap = address.imap;
    form.setValues({
      host: imap?.host ?? "",
      port: imap?.port ?? "",
      secure: imap?.secure ?? true,
      user: imap?.user ?? "",
      password: "",
      mailbox: imap?.mailbox ?? "INBOX",
      enabled: imap?.enabled ?? true,
    });
    form.resetDirty();
    form.clearErrors();
  }, [address]);

  const submit = form.onSubmit(async (v) => {
    if (!address) return;
    try {
      await save.mutateAsync({
        addressId: address.id,
        settings: {
          host: v.host.trim(),
          ...(v.port === "" ? {} : { port: Number(v.port) }),
          secure: v.secure,
          user: v.user.trim(),
          ...(v.password ? { password: v.password } : {}),
          mailbox: v.mailbox.trim(),
          enabled: v.enabled,
        },
      });
      notifications.show({
        color: "teal",
        message: t("email.imap.saved", { address: address.address }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
    } catch (err) {
      const field = FIELDS.find((f) => err instanceof ApiError && err.field === f) ?? "host";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });

  const disconnect = async () => {
    if (!address) return;
    try {
      await remove.mutateAsync(address.id);
      notifications.show({
        color: "teal",
        message: t("email.imap.removed", { address: address.address }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
    } catch (err) {
      form.setFieldError("host", err instanceof Error ? err.message : t("common.genericError"));
    }
  };

  return (
    <Modal
      opened={address !== undefined}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("email.imap.title", { address: address?.address ?? "" })}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group align="flex-start" grow>
            <TextInput
              label={t("email.imap.host")}
              placeholder="imap.example.com"
              required
              data-autofocus
              autoComplete="off"
              {...form.getInputProps("host")}
            />
            <NumberInput
              label={t("email.imap.port")}
              description={t("email.imap.portHint")}
              placeholder={form.values.secure ? "993" : "143"}
              min={1}
              max={65535}
              allowDecimal={false}
              maw={160}
              {...form.getInputProps("port")}
            />
          </Group>
          <Switch
            label={t("email.imap.secure")}
            description={t("email.imap.secureHint")}
            {...form.getInputProps("secure", { type: "checkbox" })}
          />
          <TextInput
            label={t("email.imap.user")}
            required
            autoComplete="off"
            {...form.getInputProps("user")}
          />
          <PasswordInput
            label={t("email.imap.password")}
            description={configured ? t("email.imap.passwordKept") : t("email.imap.passwordHint")}
            required={!configured}
            autoComplete="new-password"
            {...form.getInputProps("password")}
          />
          <TextInput
            label={t("email.imap.mailbox")}
            description={t("email.imap.mailboxHint")}
            required
            {...form.getInputProps("mailbox")}
          />
          <Switch
            label={t("email.imap.enabled")}
            description={t("email.imap.enabledHint")}
            {...form.getInputProps("enabled", { type: "checkbox" })}
          />
          <Group justify="space-between">
            {configured ? (
              <Button variant="subtle" color="red" onClick={disconnect} loading={remove.isPending}>
                {t("email.imap.remove")}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={props.onClose}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("email.imap.save")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
