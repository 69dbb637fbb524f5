import {
  Alert,
  Avatar,
  Button,
  ColorInput,
  FileButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle } from "@tabler/icons-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isTimeZone } from "../../../../contracts/accounts.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { DataRetentionNavSlot } from "../privacy/navSlot.tsx";
import { AgentVoiceSlot } from "../profiles/slots.tsx";
import { SignInRulesSlot } from "../security/slots.tsx";
import { SsoSettingsLink } from "../sso/SsoSettingsLink.tsx";
import {
  fileToBase64,
  useRemoveLogo,
  useSaveWorkspace,
  useUploadLogo,
  useWorkspaceSettings,
} from "./settingsApi.ts";

const FIELDS = ["name", "defaultRegion", "timeZone", "defaultLocale", "brandColor"];
const BRAND_COLOR = /^#[0-9a-fA-F]{6}$/;

function LogoCard(props: { name: string; logoUrl: string | null }) {
  const { t } = useTranslation();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const onFile = async (file: File | null) => {
    if (!file) return;
    try {
      await upload.mutateAsync(await fileToBase64(file));
    } catch (err) {
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        color: "red",
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t("workspaceSettings.logo")}
      </Text>
      <Group gap="md">
        <Avatar
          src={props.logoUrl}
          alt={t("workspaceSettings.logoAlt", { name: props.name })}
          size={64}
          radius="md"
          color="blue"
        >
          {props.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <FileButton onChange={(f) => void onFile(f)} accept="image/png,image/jpeg,image/gif,image/webp">
          {(p) => (
            <Button variant="default" loading={upload.isPending} {...p}>
              {t("workspaceSettings.uploadLogo")}
            </Button>
          )}
        </FileButton>
        {props.logoUrl && (
          <Button variant="subtle" color="gray" onClick={() => remove.mutate(undefined)}>
            {t("workspaceSettings.removeLogo")}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t("workspaceSettings.logoHint")}
      </Text>
    </Stack>
  );
}

/** Settings → Workspace (admins): name, logo, phone region, time zone, business language. */
export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.data?.permissions.includes("workspace.manage") ?? false;
  const settings = useWorkspaceSettings();
  const save = useSaveWorkspace();
  const form = useForm({
    initialValues: { name: "", defaultRegion: "", timeZone: "", defaultLocale: "", brandColor: "" },
    validate: {
      name: (v) => (v.trim() ? null : t("profile.required")),
      defaultRegion: (v) =>
        /^[A-Z]{2}$/.test(v.trim().toUpperCase()) ? null : t("workspaceSettings.regionHint"),
      timeZone: (v) => (isTimeZone(v.trim()) ? null : t("workspaceSettings.timeZoneHint")),
      defaultLocale: (v) =>
        /^[a-z]{2}(-[A-Z]{2})?$/.test(v.trim()) ? null : t("workspaceSettings.languageHint"),
      brandColor: (v) =>
        !v.trim() || BRAND_COLOR.test(v.trim()) ? null : t("workspaceSettings.brandColorHint"),
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is a new object each render
  useEffect(() => {
    if (!settings.data) return;
    const { name, defaultRegion, timeZone, defaultLocale, brandColor } = settings.data;
    form.setValues({ name, defaultRegion, timeZone, defaultLocale, brandColor: brandColor ?? "" });
    form.resetDirty();
  }, [settings.data]);

  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        name: v.name.trim(),
        defaultRegion: v.defaultRegion.trim().toUpperCase(),
        timeZone: v.timeZone.trim(),
        defaultLocale: v.defaultLocale.trim(),
        // Empty goes back to the default colours.
        brandColor: v.brandColor.trim() || null,
      });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("workspaceSettings.saved"),
        color: "teal",
      });
    } catch (err) {
      const field = err instanceof ApiError && err.field && FIELDS.includes(err.field) ? err.field : "name";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <PageTitle>{t("workspaceSettings.title")}</PageTitle>
        <Text c="dimmed">{t("workspaceSettings.intro")}</Text>
      </Stack>
      {/* Settings → Data retention (issue #23) opens from here: the frame's nav is in the full first load. */}
      <DataRetentionNavSlot onNavigate={() => {}} />
      {!admin ? (
        <Alert color="gray" icon={<IconAlertCircle aria-hidden />}>
          {t("workspaceSettings.adminsOnly")}
        </Alert>
      ) : !settings.data ? (
        <Skeleton h={320} radius="lg" aria-busy />
      ) : (
        <Paper withBorder radius="lg" p="lg">
          <Stack gap="md">
            <LogoCard name={settings.data.name} logoUrl={settings.data.logoUrl} />
            <form onSubmit={submit} noValidate>
              <Stack gap="sm" maw={460}>
                <TextInput label={t("workspaceSettings.name")} required {...form.getInputProps("name")} />
                <TextInput
                  label={t("workspaceSettings.region")}
                  description={t("workspaceSettings.regionHint")}
                  maxLength={2}
                  {...form.getInputProps("defaultRegion")}
                />
                <TextInput
                  label={t("workspaceSettings.timeZone")}
                  description={t("workspaceSettings.timeZoneHint")}
                  {...form.getInputProps("timeZone")}
                />
                <TextInput
                  label={t("workspaceSettings.language")}
                  description={t("workspaceSettings.languageHint")}
                  {...form.getInputProps("defaultLocale")}
                />
                <ColorInput
                  label={t("workspaceSettings.brandColor")}
                  description={t("workspaceSettings.brandColorHint")}
                  format="hex"
                  placeholder="#1c7ed6"
                  // The eye dropper's button has no name of its own (axe: button-name).
                  eyeDropperButtonProps={{ "aria-label": t("workspaceSettings.brandColor") }}
                  {...form.getInputProps("brandColor")}
                />
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t("workspaceSettings.save")}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        </Paper>
      )}
      {admin && <AgentVoiceSlot />}
      {admin && <SsoSettingsLink />}
      {admin && <SignInRulesSlot />}
    </Stack>
  );
}
