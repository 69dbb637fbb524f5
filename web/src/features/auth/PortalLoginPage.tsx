import { Alert, Anchor, Button, Group, Stack, Text, TextInput, ThemeIcon } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconMailCheck, IconMailOff, IconSend } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { publicWorkspaceSchema } from "../../../../contracts/accounts.ts";
import { emailSchema } from "../../../../contracts/common.ts";
import { apiParsed } from "../../api/client.ts";
import { AuthLayout } from "../../ui/AuthLayout.tsx";
import { publicWorkspaceQueryKey } from "../public/PublicHome.tsx";
import { authErrorMessage } from "./authError.ts";
import { requestMagicLink } from "./session.ts";

export function PortalLoginPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The portal page that sent the customer here (RequireSession's `from`), e.g. the new-request
  // form with a help article attached: the link brings them back to it, query and all.
  const from = (useLocation().state as { from?: { pathname?: string; search?: string } } | null)?.from;
  const next = from?.pathname?.startsWith("/portal/") ? `${from.pathname}${from.search ?? ""}` : "/portal";
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Without a mail relay the link is not emailed: say so rather than "we sent a link".
  const workspace = useQuery({
    queryKey: publicWorkspaceQueryKey,
    queryFn: () => apiParsed(publicWorkspaceSchema, "/api/v1/public/workspace"),
    staleTime: 30_000,
  });
  const emailReady = workspace.data?.emailReady ?? true;
  const form = useForm({
    initialValues: { email: "" },
    validate: { email: (v) => (emailSchema.safeParse(v.trim()).success ? null : t("setup.invalidEmail")) },
  });

  const submit = form.onSubmit(async ({ email }) => {
    setBusy(true);
    setError(null);
    try {
      await requestMagicLink(email.trim(), next);
      setSentTo(email.trim());
    } catch (err) {
      setError(authErrorMessage(err, t));
    } finally {
      setBusy(false);
    }
  });

  const footer = (
    <Group justify="center" gap="lg">
      <Anchor component={Link} to="/" size="sm">
        {t("auth.backHome")}
      </Anchor>
      <Anchor component={Link} to="/login" size="sm">
        {t("auth.staffLink")}
      </Anchor>
    </Group>
  );

  if (sentTo) {
    return (
      <AuthLayout title={t(emailReady ? "auth.checkEmailTitle" : "auth.noEmailTitle")} footer={footer}>
        <Stack align="flex-start" role="status">
          <ThemeIcon size={48} radius="xl" variant="light" color={emailReady ? "teal" : "orange"} aria-hidden>
            {emailReady ? <IconMailCheck size={28} /> : <IconMailOff size={28} />}
          </ThemeIcon>
          <Text>{t(emailReady ? "auth.checkEmailBody" : "auth.noEmailBody", { email: sentTo })}</Text>
          <Button variant="default" onClick={() => setSentTo(null)}>
            {t("auth.useAnotherEmail")}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t("auth.portalTitle")} intro={t("auth.portalIntro")} footer={footer}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
              {error}
            </Alert>
          )}
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps("email")}
          />
          <Button type="submit" loading={busy} leftSection={<IconSend size={18} aria-hidden />}>
            {t("auth.sendLink")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
