import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconAlertTriangle,
  IconBook2,
  IconBuilding,
  IconBulb,
  IconChartLine,
  IconClockHour4,
  IconDeviceMobileMessage,
  IconExternalLink,
  IconHelpCircle,
  IconHome,
  IconInbox,
  IconKey,
  IconLifebuoy,
  IconMail,
  IconMessages,
  IconRoute,
  IconSettings,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import type { Me } from "../../../../contracts/accounts.ts";
import { Brand } from "../../ui/Brand.tsx";
import { AcademyNavSlot } from "../academy-admin/navSlot.tsx";
import { ActionsNavSlot } from "../actions/navSlot.tsx";
import { AtRiskNavSlot } from "../at-risk/slots.tsx";
import { AuditNavSlot } from "../audit/navSlot.tsx";
import { ScreenPop } from "../calls/ScreenPop.tsx";
import { ChatSlot } from "../chat/frameSlot.tsx";
import { ConductNavSlot } from "../conduct/navSlot.tsx";
import { OutboxBanner } from "../email/OutboxBanner.tsx";
import { EscalationNotifier } from "../escalations/EscalationNotifier.tsx";
import { ImportNavSlot } from "../imports/navSlot.tsx";
import { BellSlot } from "../notifications/bellSlot.tsx";
import { LiveQueries } from "../realtime/LiveQueries.tsx";
import { RealtimeProvider } from "../realtime/RealtimeProvider.tsx";
import { useRealtime } from "../realtime/useRealtime.ts";
import { RetentionNavSlot } from "../retention/navSlot.tsx";
import { GlobalSearch } from "../search/GlobalSearch.tsx";
import { ShortcutSheet } from "../shortcuts/ShortcutSheet.tsx";
import { SurveysNavSlot } from "../surveys/navSlot.tsx";
import { UserMenu } from "./UserMenu.tsx";

function LiveIndicator() {
  const { t } = useTranslation();
  const live = useRealtime();
  return (
    <Tooltip label={live ? t("shell.liveHint") : t("shell.offlineHint")}>
      <Badge
        variant="light"
        color={live ? "teal" : "gray"}
        leftSection={<span aria-hidden>●</span>}
        role="status"
        visibleFrom="xs"
      >
        {live ? t("shell.live") : t("shell.offline")}
      </Badge>
    </Tooltip>
  );
}

function Item(props: { to: string; label: string; icon: ReactNode; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const active = pathname === props.to || pathname.startsWith(`${props.to}/`);
  return (
    <NavLink
      component={Link}
      to={props.to}
      label={props.label}
      leftSection={props.icon}
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}

/** The agent app: one realtime connection for everything inside it. */
export function AppFrame(props: { me: Me }) {
  return (
    <RealtimeProvider>
      <LiveQueries />
      <EscalationNotifier userId={props.me.user.id} />
      <ScreenPop />
      <ChatSlot where="alerts" />
      <Frame me={props.me} />
    </RealtimeProvider>
  );
}

/** Header (search, live state, shortcuts, account), navigation and the routed page in <main>. */
function Frame(props: { me: Me }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const icon = (Icon: typeof IconInbox) => <Icon size={18} stroke={1.7} aria-hidden />;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        {/* On a phone the three parts share 390 px: the brand's name truncates and the search
            takes what is left, so nothing is pushed off screen. */}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: "0 1 auto" }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNav")}
            />
            <Brand name={props.me.workspace.name} />
          </Group>
          <Group gap="md" wrap="nowrap" role="search" miw={0} justify="center" style={{ flex: "1 1 0" }}>
            <GlobalSearch />
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <LiveIndicator />
            <BellSlot />
            <ShortcutSheet />
            <UserMenu me={props.me} afterSignOut="/login" profilePath="/app/profile" />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t("shell.navLabel")}>
        <AppShell.Section grow component={ScrollArea}>
          {props.me.permissions.includes("cases.work") && (
            <Item to="/app/home" label={t("shell.home")} icon={icon(IconHome)} onNavigate={close} />
          )}
          <Item to="/app/inbox" label={t("shell.inbox")} icon={icon(IconInbox)} onNavigate={close} />
          <Item to="/app/customers" label={t("shell.customers")} icon={icon(IconUsers)} onNavigate={close} />
          <AtRiskNavSlot onNavigate={close} />
          {props.me.permissions.includes("cases.work") && (
            <Item to="/app/playbooks" label={t("playbooks.nav")} icon={icon(IconRoute)} onNavigate={close} />
          )}
          {props.me.permissions.includes("cases.read") && <SurveysNavSlot onNavigate={close} />}
          <Item
            to="/app/escalations"
            label={t("escalations.nav")}
            icon={icon(IconLifebuoy)}
            onNavigate={close}
          />
          <ActionsNavSlot where="approvals" onNavigate={close} />
          <Item
            to="/app/problems"
            label={t("shell.problems")}
            icon={icon(IconAlertTriangle)}
            onNavigate={close}
          />
          {props.me.permissions.includes("community.moderate") && (
            <Item
              to="/app/community"
              label={t("shell.community")}
              icon={icon(IconMessages)}
              onNavigate={close}
            />
          )}
          {(props.me.permissions.includes("team.manage") || props.me.leadsTeams) && (
            <Item
              to="/app/reports"
              label={t("shell.reports")}
              icon={icon(IconChartLine)}
              onNavigate={close}
            />
          )}
          {props.me.permissions.includes("feedback.triage") && (
            <Item to="/app/feedback" label={t("shell.feedback")} icon={icon(IconBulb)} onNavigate={close} />
          )}
          <RetentionNavSlot onNavigate={close} />
          <ConductNavSlot onNavigate={close} />
          {props.me.permissions.includes("help.manage") && (
            <Item
              to="/app/help"
              label={t("shell.helpCenter")}
              icon={icon(IconHelpCircle)}
              onNavigate={close}
            />
          )}
          <AcademyNavSlot onNavigate={close} />
          <NavLink
            label={t("shell.settings")}
            leftSection={icon(IconSettings)}
            defaultOpened
            childrenOffset={28}
            style={{ borderRadius: 8 }}
          >
            <Item
              to="/app/settings/tokens"
              label={t("shell.apiTokens")}
              icon={icon(IconKey)}
              onNavigate={close}
            />
            <Item
              to="/app/settings/team"
              label={t("shell.team")}
              icon={icon(IconUsersGroup)}
              onNavigate={close}
            />
            {props.me.permissions.includes("team.manage") && (
              <Item
                to="/app/settings/routing"
                label={t("shell.routing")}
                icon={icon(IconUsersGroup)}
                onNavigate={close}
              />
            )}
            {props.me.permissions.includes("workspace.manage") && (
              <Item
                to="/app/settings/workspace"
                label={t("workspaceSettings.nav")}
                icon={icon(IconBuilding)}
                onNavigate={close}
              />
            )}
            {props.me.permissions.includes("team.manage") && (
              <Item
                to="/app/settings/sla"
                label={t("shell.hoursSla")}
                icon={icon(IconClockHour4)}
                onNavigate={close}
              />
            )}
            {/* Email settings are admin-only; others would only meet a refusal there. */}
            {props.me.permissions.includes("workspace.manage") && (
              <Item
                to="/app/settings/email"
                label={t("shell.email")}
                icon={icon(IconMail)}
                onNavigate={close}
              />
            )}
            {props.me.permissions.includes("workspace.manage") && (
              <Item
                to="/app/settings/webhooks"
                label={t("webhooks.nav")}
                icon={icon(IconWebhook)}
                onNavigate={close}
              />
            )}
            {props.me.permissions.includes("workspace.manage") && (
              <Item
                to="/app/settings/channels"
                label={t("shell.channels")}
                icon={icon(IconDeviceMobileMessage)}
                onNavigate={close}
              />
            )}
            <ActionsNavSlot where="settings" onNavigate={close} />
            <ChatSlot where="settings" onNavigate={close} />
            <AuditNavSlot onNavigate={close} />
            <ImportNavSlot onNavigate={close} />
          </NavLink>
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            href="/api/docs"
            label={t("shell.apiDocs")}
            leftSection={icon(IconBook2)}
            rightSection={<IconExternalLink size={14} aria-hidden />}
            style={{ borderRadius: 8 }}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
        <OutboxBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
