import { ActionIcon, Indicator, Popover } from "@mantine/core";
// Only this lazily loaded bell uses Indicator: its stylesheet comes with this chunk, not in the
// first load's list (ui/mantineStyles.ts). Without it the count renders as loose text.
import "@mantine/core/styles/Indicator.css";
import { useDisclosure } from "@mantine/hooks";
import { IconBell } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { NotificationsPanel } from "./NotificationsPanel.tsx";
import { notificationsKey, useNotifications } from "./notificationsApi.ts";
import { useNotificationsText } from "./notificationsText.ts";

/**
 * The bell in the app header: my unread count, kept live by the realtime socket (a
 * `notifications.changed` reaches only me), and the panel of my notices.
 */
export function Bell() {
  const { t } = useNotificationsText();
  const [opened, { toggle, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const list = useNotifications();
  useRealtimeEvent((event) => {
    if (event.type === "notifications.changed")
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
  });
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  const label = unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");
  // The count sits outside the popover's target: Mantine puts aria-expanded on the target,
  // which must be the button itself (axe refuses it on a plain div).
  return (
    <Indicator label={unread > 99 ? "99+" : unread} disabled={unread === 0} size={18} color="red" offset={4}>
      <Popover
        opened={opened}
        onChange={(o) => (o ? undefined : close())}
        position="bottom-end"
        width={380}
        shadow="md"
        withinPortal
        trapFocus
      >
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={toggle}>
            <IconBell size={20} stroke={1.7} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} role="dialog" aria-label={t("notifications.title")}>
          <NotificationsPanel list={list} onNavigate={close} />
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
