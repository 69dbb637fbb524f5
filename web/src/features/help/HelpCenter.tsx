import { Anchor, Box, Button, Container, Group, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { PublicWorkspace } from "../../../../contracts/accounts.ts";
import type { HelpPageData } from "../../../../contracts/help-pages.ts";
import { ssrPageQueryKey } from "../../ssrData.ts";
import { Brand } from "../../ui/Brand.tsx";
import { publicWorkspaceQueryKey } from "../public/PublicHome.tsx";
import { ArticlePage } from "./center/ArticlePage.tsx";
import { ARTICLE_CSS } from "./center/articleCss.ts";
import { CategoryPage, HomePage, SectionPage } from "./center/BrowsePages.tsx";
import { SearchForm } from "./center/SearchForm.tsx";
import { HelpNotFound, SearchPage } from "./center/SearchPage.tsx";
import { useHelpText } from "./helpText.ts";

/**
 * The public help center (issue #15): home, category, section, article, search and its 404.
 * The server decides which page a URL is and loads its data (server/src/modules/help/
 * public-pages.ts); this renders it, on the server and again when hydrating. Links and forms
 * are plain HTML (full page loads) so every page works without JavaScript. This file is the
 * chrome (header, footer) and picks the page; each page is in ./center/.
 */
export function HelpCenter() {
  const { t } = useHelpText();
  const queryClient = useQueryClient();
  const data = queryClient.getQueryData<HelpPageData>(ssrPageQueryKey);
  // Both are seeded by the server render (entry-server.tsx) and again before hydration.
  const workspace = queryClient.getQueryData<PublicWorkspace>(publicWorkspaceQueryKey);
  const name = workspace?.name ?? t("common.appName");
  // Validated as #rrggbb by the server; checked again so nothing else can reach a style.
  const brand =
    workspace?.brandColor && /^#[0-9a-f]{6}$/i.test(workspace.brandColor) ? workspace.brandColor : null;

  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <style>{ARTICLE_CSS}</style>
      <Box
        component="header"
        py="sm"
        px="lg"
        bg="var(--mantine-color-body)"
        className="help-header"
        style={{
          borderBottom: "1px solid var(--mantine-color-default-border)",
          ...(brand ? { "--help-brand": brand } : {}),
        }}
      >
        <Container size="md" px={0}>
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Anchor
              href="/help"
              underline="never"
              c="inherit"
              miw={0}
              aria-label={t("helpCenter.homeLink", { workspace: name })}
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
              {data && ["article", "category", "section"].includes(data.page) && (
                <Box visibleFrom="sm">
                  <SearchForm compact />
                </Box>
              )}
              <Anchor href="/portal" size="sm">
                {t("helpCenter.signIn")}
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" size="md" py="xl">
        {data ? <HelpPage data={data} workspace={name} /> : <Reload />}
      </Container>
      <Box component="footer" py="lg">
        <Group justify="center">
          <Text size="sm" c="dimmed">
            {t("helpCenter.poweredBy")}
          </Text>
        </Group>
      </Box>
    </Box>
  );
}

/** Reached only by a client-side navigation (no server data): a full load brings the page. */
function Reload() {
  const { t } = useHelpText();
  return (
    <Stack align="flex-start">
      <Text>{t("helpCenter.reloadHint")}</Text>
      <Button component="a" href={typeof window === "undefined" ? "/help" : window.location.href}>
        {t("helpCenter.reload")}
      </Button>
    </Stack>
  );
}

function HelpPage({ data, workspace }: { data: HelpPageData; workspace: string }) {
  switch (data.page) {
    case "home":
      return <HomePage categories={data.categories} workspace={workspace} />;
    case "category":
      return <CategoryPage category={data.category} crumbs={data.crumbs} paging={data.paging} />;
    case "section":
      return <SectionPage section={data.section} crumbs={data.crumbs} paging={data.paging} />;
    case "article":
      return <ArticlePage data={data} />;
    case "search":
      return <SearchPage q={data.q} results={data.results} />;
    default:
      return <HelpNotFound />;
  }
}
