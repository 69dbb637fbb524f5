import { lazy, Suspense } from "react";

/**
 * Two-factor sign-in and sessions on the profile page, and the sign-in code step: each loaded
 * on first render with its text, so no first load grows (issue #23).
 */
const TwoFactor = lazy(async () => ({ default: (await import("./TwoFactorSection.tsx")).TwoFactorSection }));
const Sessions = lazy(async () => ({ default: (await import("./SessionsSection.tsx")).SessionsSection }));
const SignInRules = lazy(async () => ({
  default: (await import("./SignInRulesCard.tsx")).SignInRulesCard,
}));
const Passkeys = lazy(async () => ({ default: (await import("./PasskeysSection.tsx")).PasskeysSection }));
const PasskeyButton = lazy(async () => ({ default: (await import("./PasskeySignIn.tsx")).PasskeySignIn }));
const CodeStep = lazy(async () => ({ default: (await import("./SignInCodeStep.tsx")).SignInCodeStep }));

export function TwoFactorSlot() {
  return (
    <Suspense fallback={null}>
      <TwoFactor />
    </Suspense>
  );
}

export function SessionsSlot() {
  return (
    <Suspense fallback={null}>
      <Sessions />
    </Suspense>
  );
}

/** After the password: the code step, or (for a role that must use 2FA) enrolment. */
export function SignInCodeStepSlot(props: {
  mode: "code" | "enrol";
  onDone: () => void;
  onBack: () => void;
}) {
  return (
    <Suspense fallback={null}>
      <CodeStep {...props} />
    </Suspense>
  );
}

/** Settings → Workspace: who must use 2FA and how long passwords must be (admins). */
export function SignInRulesSlot() {
  return (
    <Suspense fallback={null}>
      <SignInRules />
    </Suspense>
  );
}

export function PasskeysSlot() {
  return (
    <Suspense fallback={null}>
      <Passkeys />
    </Suspense>
  );
}

/** The login page's "Sign in with a passkey", below the password form. */
export function PasskeySignInSlot(props: { onSignedIn: () => void; onEnrol: () => void }) {
  return (
    <Suspense fallback={null}>
      <PasskeyButton {...props} />
    </Suspense>
  );
}
