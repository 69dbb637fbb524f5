import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";

/** A short confirmation toast with a labelled close button. */
export function notifyDone(t: TFunction, message: string, color = "teal") {
  notifications.show({ closeButtonProps: { "aria-label": t("common.close") }, message, color });
}
