import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconSend, IconX } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { emailSchema } from "../../../../contracts/common.ts";
import type { OutgoingMail } from "../../../../contracts/settings.ts";
import { ApiError } from "../../api/client.ts";
import { useOutgoingMail, useSaveOutgoingMail, useSendTestMail } from "./settingsApi.ts";

type Values = {
  host: string;
  port: number | string;
  security: "none" | "starttls" | "tls";
  user: string;
  password: string;
  fromName: string;
  fromAddress: string;
  signature: string;
};
const FIELDS = ["host", "port", "security", "user", "password", "fromName", "fromAddress", "signature"];
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i;

const toValues = (m: OutgoingMail): Values => ({
  host: m.relay?.host ?? "",
  port: m.relay?.port ?? "",
  security: m.relay?.security ?? "starttls",
  user: m.relay?.user ?? "",
  password: "",
  fromName: m.fromName ?? "",
  fromAddress: m.fromAddress ?? "",
  signature: m.signature ?? "",
});
const orNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Settings → Email: the workspace's SMTP relay, sender and signature, and a test send that
 * reports what the relay answered. The stored password never comes back: the field starts
 * empty, and leaving it empty keeps it.
 */
export function OutgoingMailCard() {
  const { t } = useTranslation();
  const current = useOutgoingMail();
  const save = useSaveOutgoingMail();
  const form = useForm<Values>({
    initialValues: toValues({
      source: "none",
      relay: null,
      fromName: null,
      fromAddress: null,
      signature: null,
      defaultFrom: "",
    }),
    validate: {
      host: (v) => (!v.trim() || HOST.test(v.trim()) ? null : t("outgoing.invalidHost")),
      port: (v) =>
        v === "" || (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 65535)
          ? null
          : t("outgoing.invalidPort"),
      fromAddress: (v) =>
        !v.trim() || emailSchema.safeParse(v.trim()).success ? null : t("outgoing.invalidEmail"),
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is a new object each render
  useEffect(() => {
    if (!current.data) return;
    form.setValues(toValues(current.data));
    form.resetDirty();
  }, [current.data]);

  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        host: orNull(v.host),
        port: v.port === "" ? null : Number(v.port),
        security: v.security,
        user: orNull(v.user),
        ...(v.password ? { password: v.password } : {}),
        fromName: orNull(v.fromName),
        fromAddress: orNull(v.fromAddress),
        signature: orNull(v.signature),
      });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("outgoing.saved"),
        color: "teal",
      });
    } catch (err) {
      const field = err instanceof ApiError && err.field && FIELDS.includes(err.field) ? err.field : "host";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });

  const data = current.data;
  const source = data?.source ?? "none";
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="outgoing-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Text component="h2" id="outgoing-title" fw={700} size="lg" m={0}>
            {t("outgoing.title")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("outgoing.intro")}
          </Text>
          <Text size="sm" role="status">
            {t(
              source === "workspace"
                ? "outgoing.sourceWorkspace"
                : source === "environment"
                  ? "outgoing.sourceEnvironment"
                  : "outgoing.sourceNone",
            )}
          </Text>
        </Stack>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t("outgoing.host")}
                description={t("outgoing.hostHint")}
                style={{ flex: "1 1 260px" }}
                autoComplete="off"
                {...form.getInputProps("host")}
              />
              <NumberInput
                label={t("outgoing.port")}
                description={t("outgoing.portHint")}
                w={160}
                min={1}
                max={65535}
                hideControls
                {...form.getInputProps("port")}
              />
            </Group>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="outgoing-security">
                {t("outgoing.security")}
              </Text>
              <SegmentedControl
                aria-labelledby="outgoing-security"
                data={[
                  { value: "none", label: t("outgoing.securityNone") },
                  { value: "starttls", label: t("outgoing.securityStarttls") },
                  { value: "tls", label: t("outgoing.securityTls") },
                ]}
                style={{ alignSelf: "flex-start" }}
                {...form.getInputProps("security")}
              />
            </Stack>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t("outgoing.user")}
                autoComplete="off"
                style={{ flex: "1 1 220px" }}
                {...form.getInputProps("user")}
              />
              <PasswordInput
                label={t("outgoing.password")}
                description={data?.relay?.passwordSet ? t("outgoing.passwordKept") : undefined}
                autoComplete="new-password"
                style={{ flex: "1 1 220px" }}
                {...form.getInputProps("password")}
              />
            </Group>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t("outgoing.fromName")}
                style={{ flex: "1 1 220px" }}
                {...form.getInputProps("fromName")}
              />
              <TextInput
                label={t("outgoing.fromAddress")}
                description={t("outgoing.fromHint", { fallback: data?.defaultFrom ?? "" })}
                type="email"
                style={{ flex: "1 1 220px" }}
                {...form.getInputProps("fromAddress")}
              />
            </Group>
            <Textarea
              label={t("outgoing.signature")}
              description={t("outgoing.signatureHint")}
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps("signature")}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("outgoing.save")}
              </Button>
            </Group>
          </Stack>
        </form>
        <TestSend />
      </Stack>
    </Paper>
  );
}

/** Sends one real message through the relay in use and shows the relay's answer. */
function TestSend() {
  const { t } = useTranslation();
  const send = useSendTestMail();
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ to: string; sent: boolean; error: string | null } | null>(null);

  const onSend = async () => {
    setResult(null);
    setError(null);
    const address = to.trim();
    if (!emailSchema.safeParse(address).success) return setError(t("outgoing.invalidEmail"));
    try {
      const r = await send.mutateAsync(address);
      setResult({ to: address, ...r });
    } catch (err) {
      setError(err instanceof Error ? err.message : t("common.genericError"));
    }
  };

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t("outgoing.testTo")}
          type="email"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={error}
          style={{ flex: "1 1 260px" }}
        />
        <Button
          variant="default"
          leftSection={<IconSend size={16} aria-hidden />}
          loading={send.isPending}
          onClick={() => void onSend()}
        >
          {t("outgoing.testSend")}
        </Button>
      </Group>
      {result?.sent && (
        <Alert color="teal" variant="light" role="status" icon={<IconCheck aria-hidden />}>
          {t("outgoing.testSent", { to: result.to })}
        </Alert>
      )}
      {result && !result.sent && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          icon={<IconX aria-hidden />}
          title={t("outgoing.testFailed")}
        >
          <Text size="sm">{result.error}</Text>
        </Alert>
      )}
    </Stack>
  );
}
