import { Avatar, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Me } from "../../../../contracts/accounts.ts";
import { signOut } from "../auth/session.ts";

// Routing (issue #18): staff's available/away switch, its own chunk, fetched when the menu opens.
const Availability = lazy(async () => ({
  default: (await import("../routing/AvailabilityToggle.tsx")).AvailabilityToggle,
}));

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();

/**
 * Who is signed in, and the way out. `name` overrides the login's name: a customer's login
 * is named after their address ("maria") until they are known, but the portal knows them
 * by their customer record ("Maria Gonzalez").
 */
export function UserMenu(props: {
  me: Me;
  afterSignOut: string;
  profilePath?: string;
  name?: string | undefined;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { role } = props.me;
  const user = { ...props.me.user, name: props.name || props.me.user.name };

  const onSignOut = async () => {
    await signOut(queryClient).catch(() => undefined);
    navigate(props.afterSignOut, { replace: true });
  };

  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <UnstyledButton
          aria-label={t("shell.userMenu", { name: user.name })}
          p={4}
          style={{ borderRadius: 8 }}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar color="blue" radius="xl" size={32}>
              {initials(user.name)}
            </Avatar>
            <div>
              <Text size="sm" fw={600} lh={1.2} visibleFrom="sm">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} visibleFrom="sm">
                {t(`shell.roles.${role}`)}
              </Text>
            </div>
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        {props.me.permissions.includes("cases.work") && (
          <Suspense fallback={null}>
            <Availability />
          </Suspense>
        )}
        {props.profilePath && (
          <Menu.Item
            component={Link}
            to={props.profilePath}
            leftSection={<IconUserCircle size={16} aria-hidden />}
          >
            {t("profile.nav")}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onSignOut}>
          {t("auth.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
