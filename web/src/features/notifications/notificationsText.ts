import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the notification bell and its panel. Not in the first load (the inbox's budget is
 * full): it comes with the Bell chunk and joins the running i18next instance on first use.
 */
export const notificationsText = {
  notifications: {
    bell: "Notifications",
    bellUnread_one: "Notifications, {{count}} unread",
    bellUnread_other: "Notifications, {{count}} unread",
    title: "Notifications",
    markAllRead: "Mark all read",
    markRead: "Mark read",
    empty: "Nothing new. Approvals and SLA warnings for you appear here.",
    loadError: "Notifications could not be loaded: {{message}}",
    unread: "Unread",
    more: "Show older",
  },
};

export function useNotificationsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "notifications.bell", notificationsText);
  return result;
}
