import { Alert, Button, Checkbox, Group, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import type { SecurityPolicy } from "../../../../contracts/security.ts";
import { useSaveSecurityPolicy, useSecurityPolicy } from "./securityApi.ts";
import { useSecurityText } from "./securityText.ts";

const ROLES = ["admin", "agent", "engineer", "moderator"] as const;

/** Settings → Workspace: the sign-in rules (server: security/policy; issue #23). Admins only. */
export function SignInRulesCard() {
  const { t } = useSecurityText();
  const policy = useSecurityPolicy();
  const save = useSaveSecurityPolicy();
  const [draft, setDraft] = useState<SecurityPolicy | null>(null);
  useEffect(() => {
    if (policy.data) setDraft(policy.data);
  }, [policy.data]);
  const error = save.error as (Error & { field?: string }) | null;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="sign-in-rules-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sign-in-rules-title">
          {t("security.rules.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("security.rules.intro")}
        </Text>
        {policy.error && (
          <Alert color="red">{t("security.rules.loadError", { message: policy.error.message })}</Alert>
        )}
        {draft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(draft);
            }}
          >
            <Stack gap="sm" maw={460}>
              <Checkbox.Group
                label={t("security.rules.requireFor")}
                value={draft.requireTwoFactorRoles}
                onChange={(v) =>
                  setDraft({ ...draft, requireTwoFactorRoles: v as SecurityPolicy["requireTwoFactorRoles"] })
                }
              >
                <Group mt="xs">
                  {ROLES.map((r) => (
                    <Checkbox key={r} value={r} label={t(`security.rules.role_${r}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <NumberInput
                label={t("security.rules.minLength")}
                description={t("security.rules.minLengthHint")}
                min={10}
                max={128}
                // The server names a bad length; clamping on blur would hide the mistake.
                clampBehavior="none"
                // Its stepper buttons have no accessible names (axe).
                hideControls
                value={draft.passwordMinLength}
                onChange={(v) => setDraft({ ...draft, passwordMinLength: Number(v) || 10 })}
                error={error?.field === "passwordMinLength" ? error.message : undefined}
              />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t("security.rules.save")}
                </Button>
              </Group>
              {save.isSuccess && (
                <Alert color="green" role="status">
                  {t("security.rules.saved")}
                </Alert>
              )}
              {error && error.field !== "passwordMinLength" && <Alert color="red">{error.message}</Alert>}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
