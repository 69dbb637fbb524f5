import { lazy, Suspense } from "react";

/**
 * The doors the first load opens to the chat's screens: the app frame's slot and the settings
 * route import this module, which imports nothing but React, so the first load carries no list
 * of the real chunks' files (the inbox's budget had about 250 bytes left).
 */
const Frame = lazy(() => import("./ChatFrame.tsx"));
const Pages = lazy(async () => ({ default: (await import("./ChatSettingsPages.tsx")).ChatSettingsPages }));

export default function ChatFrameDoor(props: { where: "settings" | "alerts"; onNavigate?: () => void }) {
  return (
    <Suspense fallback={null}>
      <Frame {...props} />
    </Suspense>
  );
}

export function ChatSettingsDoor() {
  return (
    <Suspense fallback={null}>
      <Pages />
    </Suspense>
  );
}
