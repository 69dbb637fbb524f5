import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconLogin2 } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { setupStatusSchema } from "../../../../contracts/accounts.ts";
import { apiParsed } from "../../api/client.ts";
import { AuthLayout } from "../../ui/AuthLayout.tsx";
import { fetchTwoFactorStatus } from "../security/securityApi.ts";
import { PasskeySignInSlot, SignInCodeStepSlot } from "../security/slots.tsx";
import { SsoSignIn } from "../sso/SsoSignIn.tsx";
import { authErrorMessage } from "./authError.ts";
import { refreshSession, signInWithPassword } from "./session.ts";

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  // Before first-run setup there is no account to sign in with: point to setup instead of
  // leaving a sign-in form that cannot work (the same query the setup page uses).
  const status = useQuery({
    queryKey: ["setup-status"],
    queryFn: () => apiParsed(setupStatusSchema, "/api/v1/setup"),
  });
  const [busy, setBusy] = useState(false);
  // Issue #23: after the password, a code (2FA on) or enrolment (2FA required, not set up).
  const [step, setStep] = useState<"password" | "code" | "enrol">("password");
  const finish = async () => {
    await refreshSession(queryClient);
    navigate("/app");
  };
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : t("setup.required")),
      password: (v) => (v ? null : t("setup.required")),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = (await signInWithPassword(email.trim(), password)) as {
        twoFactorRedirect?: boolean;
      } | null;
      if (answer?.twoFactorRedirect) return setStep("code");
      const twoFactor = await fetchTwoFactorStatus().catch(() => null);
      if (twoFactor?.required && !twoFactor.enabled) return setStep("enrol");
      await finish();
    } catch (err) {
      setError(authErrorMessage(err, t));
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthLayout
      title={t("auth.staffTitle")}
      intro={t("auth.staffIntro")}
      footer={
        <Text ta="center" size="sm">
          <Anchor component={Link} to="/portal/login">
            {t("auth.customerLink")}
          </Anchor>
        </Text>
      }
    >
      {step !== "password" ? (
        <SignInCodeStepSlot mode={step} onDone={() => void finish()} onBack={() => setStep("password")} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {status.data?.setupRequired && (
              <Alert color="blue" variant="light" role="status">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">{t("auth.setupRequired")}</Text>
                  <Button component={Link} to="/setup" size="compact-sm">
                    {t("auth.setupLink")}
                  </Button>
                </Stack>
              </Alert>
            )}
            <SsoSignIn />
            {error && (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
                {error}
              </Alert>
            )}
            <TextInput
              label={t("auth.email")}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label={t("auth.password")}
              autoComplete="current-password"
              required
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={busy} leftSection={<IconLogin2 size={18} aria-hidden />}>
              {t("auth.signIn")}
            </Button>
            <PasskeySignInSlot onSignedIn={() => void finish()} onEnrol={() => setStep("enrol")} />
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
