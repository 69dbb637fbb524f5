import { useQuery } from "@tanstack/react-query";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/min";
import { workspaceSettingsSchema } from "../../../../contracts/accounts.ts";
import { apiParsed } from "../../api/client.ts";

/**
 * Phone numbers are stored in E.164 ("+14155550100") so any spelling finds the same customer;
 * people read them the way their region writes them. A number from the workspace's own region
 * shows in national format ("(415) 555-0100"), any other in international format
 * ("+44 161 496 0123"). Anything that does not parse is shown as it is.
 */
export function formatPhone(raw: string, region: string | undefined): string {
  const parsed = parsePhoneNumberFromString(raw, region as CountryCode | undefined);
  if (!parsed?.isPossible()) return raw;
  return region && parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

/** The workspace's default region (staff only), fetched once and shared by every view. */
function useWorkspaceRegion(): string | undefined {
  const settings = useQuery({
    queryKey: ["workspace"],
    queryFn: () => apiParsed(workspaceSettingsSchema, "/api/v1/workspace"),
    staleTime: 5 * 60_000,
  });
  return settings.data?.defaultRegion;
}

/** An identity as people read it: phones formatted from their stored E.164, others as typed. */
export function identityText(
  identity: { kind: string; value: string; display: string },
  phone: (raw: string) => string,
): string {
  return identity.kind === "phone" ? phone(identity.value) : identity.display;
}

/** formatPhone bound to the workspace's region; until it is known numbers read internationally. */
export function usePhoneFormat(): (raw: string) => string {
  const region = useWorkspaceRegion();
  return (raw) => formatPhone(raw, region);
}
