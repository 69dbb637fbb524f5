import { useQuery } from "@tanstack/react-query";
import type { CountryCode } from "libphonenumber-js/min";
import { useEffect, useState } from "react";
import { workspaceSettingsSchema } from "../../../../contracts/accounts.ts";
import { apiParsed } from "../../api/client.ts";

/**
 * Phone numbers are stored in E.164 ("+14155550100") so any spelling finds the same customer;
 * people read them the way their region writes them. A number from the workspace's own region
 * shows in national format ("(415) 555-0100"), any other in international format
 * ("+44 161 496 0123"). Anything that does not parse is shown as it is.
 */
export function formatPhone(lib: PhoneLib, raw: string, region: string | undefined): string {
  const parsed = lib.parsePhoneNumberFromString(raw, region as CountryCode | undefined);
  if (!parsed?.isPossible()) return raw;
  return region && parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

type PhoneLib = typeof import("libphonenumber-js/min");

// The phone metadata is ~150 kB: it loads on its own, after the app, the first time a number
// is shown. Until then numbers show as stored, which is still a correct (E.164) number.
let loaded: PhoneLib | undefined;
let loading: Promise<PhoneLib> | undefined;
function usePhoneLib(): PhoneLib | undefined {
  const [lib, setLib] = useState(loaded);
  useEffect(() => {
    if (lib) return;
    loading ??= import("libphonenumber-js/min").then((m) => {
      loaded = m;
      return m;
    });
    let live = true;
    void loading.then((m) => live && setLib(m));
    return () => {
      live = false;
    };
  }, [lib]);
  return lib;
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
  const lib = usePhoneLib();
  return (raw) => (lib ? formatPhone(lib, raw, region) : raw);
}
