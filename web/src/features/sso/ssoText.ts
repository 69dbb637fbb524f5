import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: single sign-on (issue #23), on the login page and in Settings → Single sign-on.
 * Not in the first load: it comes with the login page's and the settings screen's chunks.
 */
export const ssoText = {
  sso: {
    nav: "Single sign-on",
    linkIntro: "Let staff sign in through your company's identity provider (OpenID Connect).",
    signIn: "Sign in with SSO",
    or: "or with your password",
    refused: {
      not_configured: "Single sign-on is not set up for this workspace.",
      bad_state: "That sign-in link expired or was already used. Start again with Sign in with SSO.",
      provider_error:
        "The identity provider could not be reached or refused the sign-in. Try again, or ask an admin.",
      email_unverified:
        "Your identity provider did not confirm your email address, so Rapport cannot sign you in with it.",
      domain_not_allowed: "Your email domain is not allowed to sign in to this workspace.",
      unknown_user: "There is no staff account for your email in this workspace. Ask an admin to invite you.",
      not_staff: "Single sign-on is for staff. Customers sign in from the customer portal.",
      deactivated: "Your account in this workspace is deactivated.",
    },
    title: "Single sign-on",
    intro:
      "Let staff sign in through your company's OpenID Connect provider. Register the redirect URL below at the provider, then enter what it gives you.",
    redirectUrl: "Redirect URL to register at the provider",
    provider: "Provider",
    issuer: "Issuer URL",
    issuerHint: "Rapport reads the provider's discovery document from this address.",
    clientId: "Client ID",
    clientSecret: "Client secret",
    secretSet: "A secret is stored. Leave blank to keep it.",
    secretNotSet: "No secret is stored yet.",
    testDiscovery: "Test discovery",
    discoveryOk: "Discovery works: {{issuer}}",
    discoveryFailed: "Discovery failed: {{error}}",
    accounts: "Who may sign in",
    allowedDomains: "Allowed email domains",
    allowedDomainsHint: "Separated by commas, such as example.com, example.org. Empty: any domain.",
    jitEnabled: "Create staff accounts on first sign-in",
    jitRole: "Role for new accounts",
    groups: "Groups",
    groupClaim: "Group claim",
    groupClaimHint: "The name of the claim that lists the person's groups, such as groups.",
    group: "Group",
    role: "Role",
    keepRole: "Keep the current role",
    teams: "Teams",
    addMapping: "Add a group",
    removeMapping: "Remove group {{group}}",
    requirement: "Requirement",
    requireSso: "Require single sign-on for staff",
    requireSsoHint: "Staff can no longer sign in with a password, except the break-glass admin below.",
    breakGlass: "Break-glass admin",
    breakGlassHint: "This admin may still sign in with a password when the provider is down.",
    save: "Save",
    saved: "Single sign-on saved",
    remove: "Remove single sign-on",
    removed: "Single sign-on removed",
    loadError: "The settings could not be loaded: {{message}}",
    roles: { admin: "Admin", agent: "Agent", engineer: "Engineer", moderator: "Moderator" },
  },
};

export function useSsoText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "sso.nav", ssoText);
  return result;
}
