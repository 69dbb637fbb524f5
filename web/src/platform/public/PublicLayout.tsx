import { Anchor, Box, Button, Container, Group, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PublicWorkspace } from "../../../../contracts/accounts.ts";
import { publicWorkspaceQueryKey } from "../../features/public/PublicHome.tsx";
import { Brand } from "../../ui/Brand.tsx";
import { PublicFooter } from "./PublicFooter.tsx";
import { PUBLIC_CSS } from "./publicCss.ts";

type NavLink = { href: string; label: string };

/**
 * The frame of the server-rendered public areas (help center, community): a skip link, a header
 * with the workspace's logo or mark, name and brand colour linking to the area's home, the
 * area's links, the page in <main>, and the footer. Plain links only, so it works without
 * JavaScript. `css` is the area's own inline styles (see publicCss.ts for why inline).
 */
export function PublicLayout(props: {
  /** The area's home ("/help") and the accessible name of the link to it. */
  home: NavLink;
  /** The header's links, in a <nav> named `navLabel`. */
  nav: NavLink[];
  navLabel: string;
  /** Shown before the links (the help center's search box). */
  headerExtra?: ReactNode;
  css: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const workspace = usePublicWorkspace();
  const name = workspace?.name ?? t("common.appName");
  // Validated as #rrggbb by the server; checked again so nothing else can reach a style.
  const brand =
    workspace?.brandColor && /^#[0-9a-f]{6}$/i.test(workspace.brandColor) ? workspace.brandColor : null;

  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <style>{PUBLIC_CSS}</style>
      <style>{props.css}</style>
      <a className="public-skip" href="#main">
        {t("common.skipToContent")}
      </a>
      <Box
        component="header"
        py="sm"
        px="lg"
        bg="var(--mantine-color-body)"
        className="public-header"
        style={{
          borderBottom: "1px solid var(--mantine-color-default-border)",
          ...(brand ? { "--public-brand": brand } : {}),
        }}
      >
        <Container size="md" px={0}>
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Anchor
              href={props.home.href}
              underline="never"
              c="inherit"
              miw={0}
              aria-label={props.home.label}
            >
              {workspace?.logoUrl ? (
                <Group gap="xs" wrap="nowrap" miw={0}>
                  <img
                    src={workspace.logoUrl}
                    alt={name}
                    height={32}
                    style={{ maxWidth: 160, objectFit: "contain" }}
                  />
                  <Text fw={700} fz="lg" truncate="end">
                    {name}
                  </Text>
                </Group>
              ) : (
                <Brand name={name} />
              )}
            </Anchor>
            <Group gap="md" wrap="nowrap">
              {props.headerExtra}
              <nav aria-label={props.navLabel}>
                <Group gap="md" wrap="nowrap">
                  {props.nav.map((l) => (
                    <Anchor key={l.href} href={l.href} size="sm">
                      {l.label}
                    </Anchor>
                  ))}
                </Group>
              </nav>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" size="md" py="xl">
        {props.children}
      </Container>
      <PublicFooter />
    </Box>
  );
}

/** The workspace of the host, seeded by the server render (entry-server.tsx) and again before hydration. */
export function usePublicWorkspace(): PublicWorkspace | undefined {
  return useQueryClient().getQueryData<PublicWorkspace>(publicWorkspaceQueryKey);
}

/**
 * Shown when a public page has no server data, which only a client-side navigation causes:
 * a full load brings the page.
 */
export function ReloadNotice(props: { hint: string; label: string; fallbackHref: string }) {
  return (
    <Stack align="flex-start">
      <Text>{props.hint}</Text>
      <Button component="a" href={typeof window === "undefined" ? props.fallbackHref : window.location.href}>
        {props.label}
      </Button>
    </Stack>
  );
}
