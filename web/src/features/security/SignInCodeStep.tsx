import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { verifySignInCode } from "./securityApi.ts";
import { useSecurityText } from "./securityText.ts";
import { TwoFactorEnrolment } from "./TwoFactorEnrolment.tsx";

/**
 * The sign-in page's second step. "code": the password was right and the account has 2FA, so
 * Better Auth waits (10 minutes) for a TOTP or recovery code before it makes a session.
 * "enrol": the person is signed in but their role must use 2FA, which they have not set up;
 * the server refuses everything else until they do.
 */
export function SignInCodeStep(props: { mode: "code" | "enrol"; onDone: () => void; onBack: () => void }) {
  const { t } = useSecurityText();
  const [kind, setKind] = useState<"totp" | "recovery">("totp");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (props.mode === "enrol")
    return (
      <Stack>
        <Alert color="blue" variant="light" role="status">
          {t("security.twoFactor.requiredNow")}
        </Alert>
        <TwoFactorEnrolment onDone={props.onDone} />
      </Stack>
    );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await verifySignInCode(kind, code);
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t("security.signIn.wrongCode"));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text component="h2" fw={700} size="lg" m={0}>
          {t("security.signIn.title")}
        </Text>
        <Text size="sm" c="dimmed">
          {kind === "totp" ? t("security.signIn.intro") : t("security.signIn.recoveryIntro")}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
            {error}
          </Alert>
        )}
        <TextInput
          label={kind === "totp" ? t("security.signIn.code") : t("security.signIn.recoveryCode")}
          inputMode={kind === "totp" ? "numeric" : "text"}
          autoComplete="one-time-code"
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          {t("security.signIn.verify")}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setKind(kind === "totp" ? "recovery" : "totp");
            setCode("");
            setError(null);
          }}
        >
          {kind === "totp" ? t("security.signIn.useRecovery") : t("security.signIn.useApp")}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={props.onBack}>
          {t("security.signIn.back")}
        </Anchor>
      </Stack>
    </form>
  );
}
