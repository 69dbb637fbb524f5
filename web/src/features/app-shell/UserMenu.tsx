import { Avatar, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Me } from "../../../../contracts/accounts.ts";
import { api } from "../../api/client.ts";
import { signOut } from "../auth/session.ts";

/**
 * Routing (issue #18): the agent's own available/away switch. Inline and bare (no schema, no
 * extra component) because this menu is in the inbox's first load, whose budget is nearly full;
 * fetched only once the menu is opened. Routing also treats the agent as away outside their
 * team's hours ("effective"), which the label says.
 */
function Availability() {
  const { t } = useTranslation();
  const key = ["routing", "me"];
  const qc = useQueryClient();
  const me = useQuery({ queryKey: key, queryFn: () => api("/api/v1/me/availability") });
  const a = me.data as { status: string; effective: string } | undefined;
  if (!a) return null;
  const away = a.status === "away";
  const set = () =>
    api("/api/v1/me/availability", { method: "PUT", body: { status: away ? "available" : "away" } }).then(
      (d) => qc.setQueryData(key, d),
    );
  return (
    <Menu.Item onClick={set} closeMenuOnClick={false} leftSection={away ? "○" : "●"}>
      {t(away ? "shell.away" : a.effective === "away" ? "shell.offHours" : "shell.available")}
    </Menu.Item>
  );
}

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
        {props.me.permissions.includes("cases.work") && <Availability />}
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
