import {
  Avatar,
  Button,
  FileButton,
  Group,
  Paper,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { SUPPORTED_LOCALES } from "../../i18n/i18n.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { MaskPreferenceSlot } from "../conduct-shield/slots.tsx";
import { AgentProfileSlot } from "../profiles/slots.tsx";
import { PasskeysSlot, SessionsSlot, TwoFactorSlot } from "../security/slots.tsx";
import {
  fileToBase64,
  useChangePassword,
  useProfile,
  useRemoveAvatar,
  useSaveProfile,
  useUploadAvatar,
} from "./settingsApi.ts";

/** One titled card of the profile page; later sections (two-factor sign-in) are more of these. */
export function ProfileSection(props: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={props.id}>
      <Stack gap="md">
        <Text component="h2" id={props.id} fw={700} size="lg" m={0}>
          {props.title}
        </Text>
        {props.children}
      </Stack>
    </Paper>
  );
}

const LANGUAGE_NAMES: Record<string, string> = { en: "English" };

function DetailsSection() {
  const { t } = useTranslation();
  const profile = useProfile();
  const save = useSaveProfile();
  const form = useForm({
    initialValues: { name: "", locale: "" },
    validate: { name: (v) => (v.trim() ? null : t("profile.required")) },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: form is a new object each render
  useEffect(() => {
    if (!profile.data) return;
    form.setValues({ name: profile.data.name, locale: profile.data.locale ?? "" });
    form.resetDirty();
  }, [profile.data]);

  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({ name: v.name.trim(), locale: v.locale || null });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("profile.saved"),
        color: "teal",
      });
    } catch (err) {
      const field = err instanceof ApiError && err.field === "locale" ? "locale" : "name";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });

  return (
    <ProfileSection id="profile-details" title={t("profile.detailsTitle")}>
      {!profile.data ? (
        <Skeleton h={120} aria-busy />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={420}>
            <TextInput
              label={t("profile.name")}
              required
              autoComplete="name"
              {...form.getInputProps("name")}
            />
            <Select
              label={t("profile.language")}
              data={[
                { value: "", label: t("profile.languageWorkspace") },
                ...SUPPORTED_LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l })),
              ]}
              allowDeselect={false}
              {...form.getInputProps("locale")}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("profile.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </ProfileSection>
  );
}

function PictureSection() {
  const { t } = useTranslation();
  const profile = useProfile();
  const upload = useUploadAvatar();
  const remove = useRemoveAvatar();
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
    <ProfileSection id="profile-picture" title={t("profile.pictureTitle")}>
      <Group gap="md">
        <Avatar
          src={profile.data?.avatarUrl ?? null}
          alt={t("profile.pictureAlt")}
          size={72}
          radius="xl"
          color="blue"
        >
          {profile.data?.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <FileButton onChange={(f) => void onFile(f)} accept="image/png,image/jpeg,image/gif,image/webp">
          {(props) => (
            <Button variant="default" loading={upload.isPending} {...props}>
              {t("profile.uploadPicture")}
            </Button>
          )}
        </FileButton>
        {profile.data?.avatarUrl && (
          <Button variant="subtle" color="gray" onClick={() => remove.mutate(undefined)}>
            {t("profile.removePicture")}
          </Button>
        )}
      </Group>
    </ProfileSection>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "" },
    validate: {
      currentPassword: (v) => (v ? null : t("profile.required")),
      newPassword: (v) => (v.length >= 10 ? null : t("profile.newPasswordHint")),
    },
  });
  const submit = form.onSubmit(async (v) => {
    try {
      await change.mutateAsync(v);
      form.reset();
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("profile.passwordChanged"),
        color: "teal",
      });
    } catch (err) {
      const field =
        err instanceof ApiError && err.field === "newPassword" ? "newPassword" : "currentPassword";
      form.setFieldError(field, err instanceof Error ? err.message : t("common.genericError"));
    }
  });
  return (
    <ProfileSection id="profile-password" title={t("profile.passwordTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <PasswordInput
            label={t("profile.currentPassword")}
            autoComplete="current-password"
            required
            {...form.getInputProps("currentPassword")}
          />
          <PasswordInput
            label={t("profile.newPassword")}
            description={t("profile.newPasswordHint")}
            autoComplete="new-password"
            required
            {...form.getInputProps("newPassword")}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t("profile.changePassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </ProfileSection>
  );
}

/** Your profile: each section is its own card, so new ones (two-factor sign-in) slot in below. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <PageTitle>{t("profile.title")}</PageTitle>
        <Text c="dimmed">{t("profile.intro")}</Text>
      </Stack>
      <DetailsSection />
      <PictureSection />
      <AgentProfileSlot />
      <MaskPreferenceSlot />
      <PasswordSection />
      <TwoFactorSlot />
      <PasskeysSlot />
      <SessionsSlot />
    </Stack>
  );
}
