import { Button, Divider } from "@mantine/core";
import { IconFingerprint } from "@tabler/icons-react";
import { useState } from "react";
import { fetchTwoFactorStatus } from "./securityApi.ts";
import { useSecurityText } from "./securityText.ts";
import { ErrorAlert } from "./TwoFactorEnrolment.tsx";

/**
 * The login page's "Sign in with a passkey" (issue #23). No email first: the browser offers the
 * passkeys it has for this site. The WebAuthn code is imported on the click.
 */
export function PasskeySignIn(props: { onSignedIn: () => void; onEnrol: () => void }) {
  const { t } = useSecurityText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { signInWithPasskey } = await import("./passkeyClient.ts");
      const result = await signInWithPasskey();
      if (result.ok) {
        // A passkey is not TOTP: a role that must use 2FA still sets up the app first (the gate).
        const twoFactor = await fetchTwoFactorStatus().catch(() => null);
        return twoFactor?.required && !twoFactor.enabled ? props.onEnrol() : props.onSignedIn();
      }
      if (result.code === "AUTH_CANCELLED" || result.code === "ERROR_CEREMONY_ABORTED")
        setError(t("security.passkeys.signInCancelled"));
      else setError(t("security.passkeys.signInFailed", { message: result.message ?? result.code ?? "" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Divider label={t("security.passkeys.or")} labelPosition="center" />
      <ErrorAlert message={error} />
      <Button
        variant="default"
        loading={busy}
        leftSection={<IconFingerprint size={18} aria-hidden />}
        onClick={() => void start()}
      >
        {t("security.passkeys.signIn")}
      </Button>
    </>
  );
}
