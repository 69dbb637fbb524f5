import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: two-factor sign-in, sessions (profile page) and the sign-in code step (issue #23).
 * Not in the first load: it comes with those lazy chunks.
 */
export const securityText = {
  security: {
    twoFactor: {
      title: "Two-factor sign-in",
      intro:
        "After your password, sign-in asks for a 6-digit code from an authenticator app on your phone (or one of your recovery codes).",
      on: "On",
      off: "Off",
      required: "Your workspace requires two-factor sign-in for your role.",
      requiredNow: "Your workspace requires two-factor sign-in for your role. Set it up now to continue.",
      codesLeft_one: "{{count}} recovery code left",
      codesLeft_other: "{{count}} recovery codes left",
      start: "Set up two-factor sign-in",
      password: "Your password",
      passwordHint: "To make sure it is you.",
      continue: "Continue",
      scanTitle: "1. Add Rapport to your authenticator app",
      scanHint:
        "Scan the code with your authenticator app, open the link on your phone, or type this key into the app (time-based, 6 digits).",
      qrAlt: "QR code to scan with your authenticator app",
      secretLabel: "Key",
      openInApp: "Open in authenticator app",
      codesTitle: "2. Keep your recovery codes",
      codesHint:
        "Each code signs you in once if you lose your phone. They are shown only now: save or print them.",
      confirmTitle: "3. Enter the code the app shows",
      code: "6-digit code",
      confirm: "Turn on",
      enabled: "Two-factor sign-in is on.",
      regenerate: "New recovery codes",
      regenerated: "New recovery codes (the old ones no longer work):",
      disable: "Turn off",
      disabled: "Two-factor sign-in is off.",
      cancel: "Cancel",
      copy: "Copy",
      copied: "Copied",
    },
    sessions: {
      title: "Where you are signed in",
      intro: "Sign out any browser you do not recognise, or no longer use.",
      device: "Device",
      ip: "IP address",
      lastSeen: "Last active",
      thisDevice: "This browser",
      signOut: "Sign out",
      signedOut: "That session was signed out.",
      loadError: "Your sessions could not be loaded: {{message}}",
      unknownIp: "unknown",
    },
    signIn: {
      title: "Two-factor sign-in",
      intro: "Enter the 6-digit code from your authenticator app.",
      code: "Code",
      verify: "Verify",
      useRecovery: "Use a recovery code instead",
      useApp: "Use the authenticator app instead",
      recoveryCode: "Recovery code",
      recoveryIntro: "Enter one of the recovery codes you saved (each works once).",
      wrongCode: "That code is not right. Try again with the current code.",
      back: "Back to sign-in",
    },
    passkeys: {
      title: "Passkeys",
      intro:
        "Sign in without a password, with your fingerprint, face or device PIN. The passkey stays on your device (or in your password manager).",
      none: "You have no passkeys yet.",
      name: "Passkey name",
      nameHint: "So you can tell your passkeys apart, for example the device it is on.",
      defaultName: "My passkey",
      add: "Add a passkey",
      added: "Passkey added. You can now sign in with it.",
      addFailed: "The passkey was not added: {{message}}",
      cancelled: "Adding the passkey was cancelled.",
      listLabel: "Your passkeys",
      created: "Added {{date}}",
      synced: "Synced",
      remove: "Remove",
      removeLabel: "Remove passkey {{name}}",
      removed: "Passkey removed. It can no longer sign you in.",
      loadError: "Your passkeys could not be loaded: {{message}}",
      // Not "Sign in with…": specs and people find the password form's button by the name "Sign in".
      signIn: "Use a passkey",
      signInFailed: "Passkey sign-in did not work: {{message}}",
      signInCancelled: "Passkey sign-in was cancelled.",
      unnamed: "Passkey",
      or: "or",
    },
    rules: {
      title: "Sign-in rules",
      intro:
        "Who must use two-factor sign-in, and how long staff passwords must be. Common and easily guessed passwords are always refused.",
      requireFor: "Require two-factor sign-in for",
      role_admin: "Admins",
      role_agent: "Agents",
      role_engineer: "Engineers",
      role_moderator: "Moderators",
      minLength: "Minimum password length",
      minLengthHint: "At least 10 characters. Applies to new and changed passwords.",
      save: "Save sign-in rules",
      saved: "Sign-in rules saved.",
      loadError: "The sign-in rules could not be loaded: {{message}}",
    },
  },
};

export function useSecurityText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "security.twoFactor.title", securityText);
  return result;
}
