import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconUserCheck } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { invitePreviewSchema } from "../../../../contracts/team.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";
import { AuthLayout } from "../../ui/AuthLayout.tsx";
import { authErrorMessage } from "../auth/authError.ts";
import { refreshSession, signInWithPassword } from "../auth/session.ts";

const FIELDS = ["name", "password"] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string | undefined): f is Field => FIELDS.includes(f as Field);

/**
 * Public page behind an invitation link: shows which workspace and address it is for, lets the
 * person choose a name and password (or, when the address already has a login, asks for its
 * current password, which is never changed here), then signs them straight in.
 */
export function AcceptInvitePage() {
  const { t } = useTranslation();
  const token = useParams().token ?? "";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () =>
      apiParsed(invitePreviewSchema, `/api/v1/invitations/preview?token=${encodeURIComponent(token)}`),
    retry: false,
  });
  const existing = preview.data?.existingLogin ?? false;
  const form = useForm({
    initialValues: { name: "", password: "", confirm: "" },
    validate: {
      name: (v) => (existing || v.trim() ? null : t("invite.required")),
      password: (v) =>
        existing ? (v ? null : t("invite.required")) : v.length >= 10 ? null : t("invite.passwordTooShort"),
      confirm: (v, all) => (existing || v === all.password ? null : t("invite.passwordMismatch")),
    },
  });

  const submit = form.onSubmit(async ({ name, password }) => {
    setBusy(true);
    setError(null);
    try {
      const accepted = await api("/api/v1/invitations/accept", {
        body: existing ? { token, password } : { token, name: name.trim(), password },
      });
      const email = (accepted as { email?: string } | null)?.email ?? preview.data?.email ?? "";
      await signInWithPassword(email, password);
      await refreshSession(queryClient);
      navigate("/app", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && isField(err.field)) form.setFieldError(err.field, err.message);
      else if (err instanceof ApiError && err.field === "token") void preview.refetch();
      else setError(authErrorMessage(err, t));
    } finally {
      setBusy(false);
    }
  });

  const footer = (
    <Text ta="center" size="sm">
      <Anchor component={Link} to="/login">
        {t("invite.alreadyAccepted")}
      </Anchor>
    </Text>
  );

  if (preview.isPending) {
    return (
      <AuthLayout title={t("invite.loading")}>
        <Center py="md">
          <Loader aria-label={t("common.loading")} />
        </Center>
      </AuthLayout>
    );
  }
  if (preview.isError) {
    const unusable = preview.error instanceof ApiError && [400, 404].includes(preview.error.status);
    return (
      <AuthLayout title={t("invite.invalidTitle")} footer={footer}>
        <Alert color="orange" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {unusable ? t("invite.invalidBody") : t("common.networkError")}
        </Alert>
      </AuthLayout>
    );
  }

  const { email, role, workspaceName } = preview.data;
  return (
    <AuthLayout
      title={t("invite.title", { workspace: workspaceName })}
      intro={t(existing ? "invite.existingIntro" : "invite.intro", { role: t(`shell.roles.${role}`) })}
      footer={footer}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
              {error}
            </Alert>
          )}
          <TextInput label={t("invite.email")} description={t("invite.emailHint")} value={email} readOnly />
          {!existing && (
            <TextInput
              label={t("invite.name")}
              description={t("invite.nameHint")}
              autoComplete="name"
              required
              data-autofocus
              {...form.getInputProps("name")}
            />
          )}
          {/* A new login chooses its password; an existing one proves it is theirs with its own. */}
          <PasswordInput
            label={t(existing ? "invite.currentPassword" : "invite.password")}
            description={t(existing ? "invite.currentPasswordHint" : "invite.passwordHint")}
            autoComplete={existing ? "current-password" : "new-password"}
            required
            data-autofocus={existing || undefined}
            {...form.getInputProps("password")}
          />
          {!existing && (
            <PasswordInput
              label={t("invite.confirmPassword")}
              autoComplete="new-password"
              required
              {...form.getInputProps("confirm")}
            />
          )}
          <Button type="submit" loading={busy} leftSection={<IconUserCheck size={18} aria-hidden />}>
            {t("invite.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
