import { Alert, Button, Center, Loader, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconRocket } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";
import { setupInputSchema, setupStatusSchema } from "../../../../contracts/accounts.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";
import { failingFields } from "../../api/zodForm.ts";
import { AuthLayout } from "../../ui/AuthLayout.tsx";
import { refreshSession, signInWithPassword } from "../auth/session.ts";

const FIELDS = ["workspaceName", "name", "email", "password"] as const;

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useQuery({
    queryKey: ["setup-status"],
    queryFn: () => apiParsed(setupStatusSchema, "/api/v1/setup"),
  });
  const form = useForm({
    initialValues: { workspaceName: "", name: "", email: "", password: "", confirmPassword: "" },
    // The shared contract decides what is valid; the words come from i18n.
    validate: (values) => {
      const { confirmPassword, ...input } = values;
      const failing = failingFields(setupInputSchema, input);
      const messages = {
        workspaceName: t("setup.required"),
        name: t("setup.required"),
        email: input.email.trim() ? t("setup.invalidEmail") : t("setup.required"),
        password: t("setup.passwordTooShort"),
      };
      const errors: Record<string, string> = {};
      for (const field of FIELDS) if (failing.has(field)) errors[field] = messages[field];
      if (confirmPassword !== input.password) errors.confirmPassword = t("setup.passwordMismatch");
      return errors;
    },
  });

  if (status.isPending) {
    return (
      <Center mih="100vh" component="main">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (status.data && !status.data.setupRequired) return <Navigate to="/login" replace />;

  const submit = form.onSubmit(async ({ confirmPassword: _, ...input }) => {
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/setup", { body: { ...input, email: input.email.trim() } });
      await signInWithPassword(input.email.trim(), input.password);
      await refreshSession(queryClient);
      navigate("/app");
    } catch (err) {
      // Put the server's message next to the input it names, otherwise above the form.
      if (err instanceof ApiError && err.field && err.field in form.values)
        form.setFieldError(err.field, err.message);
      else if (err instanceof ApiError && err.code === "already_set_up")
        navigate("/login", { replace: true });
      else setError(err instanceof ApiError ? err.message : t("common.networkError"));
    } finally {
      setBusy(false);
    }
  });

  return (
    <AuthLayout title={t("setup.title")} intro={t("setup.intro")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
              {error}
            </Alert>
          )}
          <TextInput
            label={t("setup.workspaceName")}
            description={t("setup.workspaceNameHint")}
            required
            {...form.getInputProps("workspaceName")}
          />
          <TextInput label={t("setup.name")} autoComplete="name" required {...form.getInputProps("name")} />
          <TextInput
            label={t("setup.email")}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label={t("setup.password")}
            description={t("setup.passwordHint")}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label={t("setup.confirmPassword")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirmPassword")}
          />
          <Button type="submit" loading={busy} leftSection={<IconRocket size={18} aria-hidden />}>
            {t("setup.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
