import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  ScrollArea,
  Stack,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { Link } from "react-router";
import {
  type StaffNotification,
  useMarkAllRead,
  useMarkRead,
  type useNotifications,
} from "./notificationsApi.ts";
import { useNotificationsText } from "./notificationsText.ts";

/** The bell's list: newest first, unread ones marked; opening one marks it read. */
export function NotificationsPanel(props: {
  list: ReturnType<typeof useNotifications>;
  onNavigate: () => void;
}) {
  const { t } = useNotificationsText();
  const markAll = useMarkAllRead();
  const items = props.list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = props.list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Stack gap={0}>
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Title order={2} size="h5">
          {t("notifications.title")}
        </Title>
        <Button
          size="compact-sm"
          variant="subtle"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      {props.list.isError && (
        <Alert color="red" mx="md" mb="sm">
          {t("notifications.loadError", { message: props.list.error.message })}
        </Alert>
      )}
      <ScrollArea.Autosize mah={420}>
        {items.length === 0 && props.list.isSuccess ? (
          <Text c="dimmed" size="sm" px="md" pb="md">
            {t("notifications.empty")}
          </Text>
        ) : (
          <Box component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("notifications.title")}>
            {items.map((n) => (
              <Item key={n.id} n={n} onNavigate={props.onNavigate} />
            ))}
          </Box>
        )}
        {props.list.hasNextPage && (
          <Group justify="center" py="xs">
            <Button
              size="compact-sm"
              variant="subtle"
              loading={props.list.isFetchingNextPage}
              onClick={() => void props.list.fetchNextPage()}
            >
              {t("notifications.more")}
            </Button>
          </Group>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}

function Item(props: { n: StaffNotification; onNavigate: () => void }) {
  const { t } = useNotificationsText();
  const markRead = useMarkRead();
  const { n } = props;
  const unread = n.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(n.id);
    props.onNavigate();
  };
  const body = (
    <>
      <Text size="sm" fw={unread ? 600 : 400}>
        {unread && <VisuallyHidden component="span">{`${t("notifications.unread")}: `}</VisuallyHidden>}
        {n.title}
      </Text>
      {n.summary && (
        <Text size="xs" c="dimmed">
          {n.summary}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time>
      </Text>
    </>
  );
  return (
    <Box
      component="li"
      px="md"
      py="xs"
      style={{
        borderTop: "1px solid var(--mantine-color-default-border)",
        background: unread ? "var(--mantine-color-blue-light)" : undefined,
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        {n.link ? (
          <Anchor
            component={Link}
            to={n.link}
            onClick={open}
            underline="never"
            c="inherit"
            style={{ flex: 1 }}
          >
            {body}
          </Anchor>
        ) : (
          <UnstyledButton onClick={open} style={{ flex: 1 }}>
            {body}
          </UnstyledButton>
        )}
        {unread && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => markRead.mutate(n.id)}
            aria-label={`${t("notifications.markRead")}: ${n.title}`}
          >
            {t("notifications.markRead")}
          </Button>
        )}
      </Group>
    </Box>
  );
}
