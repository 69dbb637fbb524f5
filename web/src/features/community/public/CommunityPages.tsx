import { Anchor, Box, Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { PublicWorkspace } from "../../../../../contracts/accounts.ts";
import type { CommunityPageData } from "../../../../../contracts/community-pages.ts";
import { ssrPageQueryKey } from "../../../ssrData.ts";
import { Brand } from "../../../ui/Brand.tsx";
import { publicWorkspaceQueryKey } from "../../public/PublicHome.tsx";
import { CategoryPage, CommunityHome } from "./CommunityHome.tsx";
import { CommunityTextProvider, useCommunityText } from "./communityText.ts";
import { LeaderboardPage, MvpDirectory } from "./MembersPages.tsx";
import { NewTopicPage } from "./NewTopicPage.tsx";
import { ProfilePage } from "./ProfilePage.tsx";
import { COMMUNITY_CSS } from "./shared.tsx";
import { TopicPage } from "./TopicPage.tsx";

/**
 * The community's public pages (issue #16). The server decides which page a URL is and loads
 * its data (server/src/modules/community/public/); this renders it, on the server and again when
 * hydrating. Links and forms are plain HTML so everything reads without JavaScript; after
 * hydration a signed-in person gets the interactive parts (voting, answering, following…).
 */
export function CommunityPages() {
  return (
    <CommunityTextProvider>
      <CommunityFrame />
    </CommunityTextProvider>
  );
}

function CommunityFrame() {
  const { t } = useCommunityText();
  const queryClient = useQueryClient();
  const data = queryClient.getQueryData<CommunityPageData>(ssrPageQueryKey);
  const workspace = queryClient.getQueryData<PublicWorkspace>(publicWorkspaceQueryKey);
  const name = workspace?.name ?? t("common.appName");
  const signedIn = !!data?.viewer.signedIn;

  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <style>{COMMUNITY_CSS}</style>
      <Box
        component="header"
        py="sm"
        px="lg"
        bg="var(--mantine-color-body)"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Container size="md" px={0}>
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Anchor
              href="/community"
              underline="never"
              c="inherit"
              miw={0}
              aria-label={t("communityPublic.homeLink", { workspace: name })}
            >
              <Brand name={name} />
            </Anchor>
            <nav aria-label={t("communityPublic.title")}>
              <Group gap="md" wrap="nowrap">
                <Anchor href="/community/leaderboard" size="sm">
                  {t("communityPublic.leaderboardLink")}
                </Anchor>
                <Anchor href="/community/mvps" size="sm">
                  {t("communityPublic.mvpsLink")}
                </Anchor>
                <Anchor href="/help" size="sm">
                  {t("communityPublic.helpCenter")}
                </Anchor>
                {!signedIn && (
                  <Anchor href="/portal" size="sm">
                    {t("communityPublic.signIn")}
                  </Anchor>
                )}
              </Group>
            </nav>
          </Group>
        </Container>
      </Box>
      <Container component="main" size="md" py="xl">
        {data ? <Page data={data} workspace={name} /> : <Reload />}
      </Container>
      <Box component="footer" py="lg">
        <Group justify="center">
          <Text size="sm" c="dimmed">
            {t("communityPublic.poweredBy")}
          </Text>
        </Group>
      </Box>
    </Box>
  );
}

function Page({ data, workspace }: { data: CommunityPageData; workspace: string }) {
  switch (data.page) {
    case "home":
      return <CommunityHome data={data} workspace={workspace} />;
    case "category":
      return <CategoryPage data={data} />;
    case "topic":
      return <TopicPage data={data} />;
    case "profile":
      return <ProfilePage data={data} />;
    case "mvps":
      return <MvpDirectory data={data} />;
    case "leaderboard":
      return <LeaderboardPage data={data} />;
    case "new":
      return <NewTopicPage data={data} />;
    default:
      return <CommunityNotFound />;
  }
}

/** Reached only by a client-side navigation (no server data): a full load brings the page. */
function Reload() {
  const { t } = useCommunityText();
  return (
    <Stack align="flex-start">
      <Text>{t("communityPublic.reloadHint")}</Text>
      <Button component="a" href={typeof window === "undefined" ? "/community" : window.location.href}>
        {t("communityPublic.reload")}
      </Button>
    </Stack>
  );
}

function CommunityNotFound() {
  const { t } = useCommunityText();
  return (
    <Stack gap="lg" align="flex-start">
      <Title order={1}>{t("communityPublic.notFoundTitle")}</Title>
      <Text>{t("communityPublic.notFoundBody")}</Text>
      <Anchor href="/community">{t("communityPublic.backHome")}</Anchor>
    </Stack>
  );
}
