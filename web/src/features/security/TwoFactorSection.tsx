import { Badge, Button, Group, PasswordInput, Skeleton, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { ProfileSection } from "../settings/ProfilePage.tsx";
import { useDisableTwoFactor, useRegenerateCodes, useTwoFactorStatus } from "./securityApi.ts";
import { useSecurityText } from "./securityText.ts";
import { ErrorAlert, RecoveryCodes, TwoFactorEnrolment } from "./TwoFactorEnrolment.tsx";

/** The profile page's two-factor card: status, set up, new recovery codes, turn off. */
export function TwoFactorSection() {
  const { t } = useSecurityText();
  const status = useTwoFactorStatus();
  const regenerate = useRegenerateCodes();
  const disable = useDisableTwoFactor();
  const [mode, setMode] = useState<"idle" | "enrol" | "regenerate" | "disable">("idle");
  const [password, setPassword] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = status.data;

  const withPassword = async (action: "regenerate" | "disable") => {
    setError(null);
    try {
      if (action === "regenerate") setCodes((await regenerate.mutateAsync(password)).recoveryCodes);
      else await disable.mutateAsync(password);
      setMode("idle");
      setPassword("");
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <ProfileSection id="profile-two-factor" title={t("security.twoFactor.title")}>
      <Text size="sm" c="dimmed">
        {t("security.twoFactor.intro")}
      </Text>
      {!s ? (
        <Skeleton h={36} />
      ) : (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={s.enabled ? "teal" : "gray"} variant="light" data-testid="two-factor-state">
              {s.enabled ? t("security.twoFactor.on") : t("security.twoFactor.off")}
            </Badge>
            {s.enabled && (
              <Text size="sm">{t("security.twoFactor.codesLeft", { count: s.recoveryCodesLeft })}</Text>
            )}
          </Group>
          {s.required && <Text size="sm">{t("security.twoFactor.required")}</Text>}
          {codes && (
            <Stack gap="xs">
              <Text size="sm">{t("security.twoFactor.regenerated")}</Text>
              <RecoveryCodes codes={codes} />
            </Stack>
          )}
          {mode === "enrol" ? (
            <TwoFactorEnrolment onDone={() => setMode("idle")} onCancel={() => setMode("idle")} />
          ) : mode === "idle" ? (
            <Group>
              {!s.enabled && (
                <Button onClick={() => setMode("enrol")}>{t("security.twoFactor.start")}</Button>
              )}
              {s.enabled && (
                <Button variant="light" onClick={() => setMode("regenerate")}>
                  {t("security.twoFactor.regenerate")}
                </Button>
              )}
              {s.enabled && !s.required && (
                <Button variant="subtle" color="red" onClick={() => setMode("disable")}>
                  {t("security.twoFactor.disable")}
                </Button>
              )}
            </Group>
          ) : (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void withPassword(mode);
              }}
            >
              <Stack gap="sm" maw={420}>
                <ErrorAlert message={error} />
                <PasswordInput
                  label={t("security.twoFactor.password")}
                  description={t("security.twoFactor.passwordHint")}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Group>
                  <Button
                    type="submit"
                    color={mode === "disable" ? "red" : undefined}
                    loading={regenerate.isPending || disable.isPending}
                  >
                    {mode === "disable"
                      ? t("security.twoFactor.disable")
                      : t("security.twoFactor.regenerate")}
                  </Button>
                  <Button variant="subtle" onClick={() => setMode("idle")}>
                    {t("security.twoFactor.cancel")}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </ProfileSection>
  );
}
