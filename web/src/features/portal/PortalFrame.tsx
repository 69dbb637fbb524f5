import { Anchor, AppShell, Button, Container, Group } from "@mantine/core";
import { IconLayoutDashboard } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import type { Me } from "../../../../contracts/accounts.ts";
import { Brand } from "../../ui/Brand.tsx";
import { UserMenu } from "../app-shell/UserMenu.tsx";
import { isStaff } from "../auth/session.ts";
import { usePortalProfile } from "./portalApi.ts";
import { usePortalLive } from "./usePortalLive.ts";

/** The customer portal: a simple header, the routed page, and live updates for their requests. */
export function PortalFrame(props: { me: Me }) {
  const { t } = useTranslation();
  usePortalLive();
  // Staff previewing the portal have no customer record; their own name is right.
  const profile = usePortalProfile(!isStaff(props.me));
  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor
              component={Link}
              to="/portal"
              underline="never"
              c="inherit"
              miw={0}
              aria-label={t("portal.title")}
            >
              <Brand name={props.me.workspace.name} />
            </Anchor>
            <Group gap="sm" wrap="nowrap">
              <Button component={Link} to="/portal/academy" variant="subtle">
                {t("portal.academy")}
              </Button>
              {isStaff(props.me) && (
                <Button
                  component={Link}
                  to="/app"
                  variant="subtle"
                  leftSection={<IconLayoutDashboard size={16} aria-hidden />}
                >
                  {t("shell.inbox")}
                </Button>
              )}
              <UserMenu me={props.me} afterSignOut="/portal/login" name={profile.data?.customer?.name} />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
        <Container size="md" py="md">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
