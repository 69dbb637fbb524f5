import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useState } from "react";
import type { ChatWidgetSettings } from "../../../../contracts/widget.ts";
import { ApiError } from "../../api/client.ts";
import { ErrorText } from "../../ui/AdminList.tsx";
import { useTeams } from "../team/teamApi.ts";
import { useCalendars, useSaveWidget, useWidgetSettings } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";
import { IdentitySecret } from "./IdentitySecret.tsx";
import { OriginsEditor } from "./OriginsEditor.tsx";

type Form = Omit<ChatWidgetSettings, "publicKey" | "embedSnippet">;

const formOf = (s: ChatWidgetSettings): Form => ({
  enabled: s.enabled,
  allowedOrigins: s.allowedOrigins,
  prechatForm: s.prechatForm,
  greeting: s.greeting,
  accentColor: s.accentColor,
  teamId: s.teamId,
  businessCalendarId: s.businessCalendarId,
  missedAfterSeconds: s.missedAfterSeconds,
  defaultChatCapacity: s.defaultChatCapacity,
});

/** Settings → Chat widget: how the widget looks and behaves, the snippet, the identity secret. */
export function WidgetSettings() {
  const { t } = useChatText();
  const settings = useWidgetSettings();
  const teams = useTeams();
  const calendars = useCalendars();
  const save = useSaveWidget();
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (settings.data) setForm(formOf(settings.data));
  }, [settings.data]);

  if (settings.isError)
    return <Alert color="red">{t("chat.loadError", { message: settings.error.message })}</Alert>;
  if (!settings.data || !form) return <Loader size="sm" />;
  const error = save.error instanceof ApiError ? save.error : null;
  // A refusal names its field ("allowedOrigins.2" for the third origin).
  const fieldError = (field: string) =>
    error?.field === field || error?.field?.startsWith(`${field}.`) ? error.message : undefined;
  const claimed = [
    "allowedOrigins",
    "greeting",
    "accentColor",
    "teamId",
    "businessCalendarId",
    "missedAfterSeconds",
    "defaultChatCapacity",
  ];
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form, {
      onSuccess: () =>
        notifications.show({
          color: "teal",
          message: t("chat.widget.saved"),
          closeButtonProps: { "aria-label": t("chat.widget.cancel") },
        }),
    });
  };

  return (
    <Stack gap="md" maw={720}>
      <Text>{t("chat.widget.intro")}</Text>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="embed-heading">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h5" id="embed-heading">
              {t("chat.widget.snippet")}
            </Title>
            <CopyButton value={settings.data.embedSnippet}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" color={copied ? "teal" : undefined} onClick={copy}>
                  {copied ? t("chat.widget.copied") : t("chat.widget.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Code block tabIndex={0} data-testid="embed-snippet">
            {settings.data.embedSnippet}
          </Code>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Switch
              label={t("chat.widget.enabled")}
              checked={form.enabled}
              onChange={(e) => set("enabled", e.currentTarget.checked)}
            />
            <OriginsEditor
              value={form.allowedOrigins}
              onChange={(next) => set("allowedOrigins", next)}
              error={fieldError("allowedOrigins")}
            />
            <Switch
              label={t("chat.widget.prechat")}
              checked={form.prechatForm}
              onChange={(e) => set("prechatForm", e.currentTarget.checked)}
            />
            <Textarea
              label={t("chat.widget.greeting")}
              value={form.greeting}
              onChange={(e) => set("greeting", e.currentTarget.value)}
              maxLength={500}
              autosize
              minRows={2}
              error={fieldError("greeting")}
            />
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t("chat.widget.color")}
                value={form.accentColor}
                onChange={(e) => set("accentColor", e.currentTarget.value)}
                error={fieldError("accentColor")}
                w={180}
                ff="monospace"
              />
              <div
                aria-hidden
                style={{
                  width: 36,
                  height: 36,
                  borderRadius: 8,
                  marginBottom: fieldError("accentColor") ? 22 : 0,
                  background: /^#[0-9a-fA-F]{6}$/.test(form.accentColor) ? form.accentColor : "transparent",
                  border: "1px solid var(--mantine-color-default-border)",
                }}
              />
            </Group>
            <Select
              label={t("chat.widget.team")}
              data={[
                { value: "", label: t("chat.widget.noTeam") },
                ...(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
              ]}
              value={form.teamId ?? ""}
              onChange={(v) => set("teamId", v ? v : null)}
              error={fieldError("teamId")}
            />
            <Select
              label={t("chat.widget.calendar")}
              data={[
                { value: "", label: t("chat.widget.noCalendar") },
                ...(calendars.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
              ]}
              value={form.businessCalendarId ?? ""}
              onChange={(v) => set("businessCalendarId", v ? v : null)}
              error={fieldError("businessCalendarId")}
            />
            <Group gap="sm" grow>
              <NumberInput
                label={t("chat.widget.missedAfter")}
                min={10}
                max={86_400}
                value={form.missedAfterSeconds}
                onChange={(v) => set("missedAfterSeconds", Number(v))}
                error={fieldError("missedAfterSeconds")}
              />
              <NumberInput
                label={t("chat.widget.defaultCapacity")}
                min={0}
                max={50}
                value={form.defaultChatCapacity}
                onChange={(v) => set("defaultChatCapacity", Number(v))}
                error={fieldError("defaultChatCapacity")}
              />
            </Group>
            <ErrorText>{error && !claimed.some((f) => fieldError(f)) ? error.message : null}</ErrorText>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t("chat.widget.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <IdentitySecret />
    </Stack>
  );
}
