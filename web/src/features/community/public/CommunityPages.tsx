import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { CommunityPageData } from "../../../../../contracts/community-pages.ts";
import { PublicLayout, ReloadNotice, usePublicWorkspace } from "../../../platform/public/PublicLayout.tsx";
import { ssrPageQueryKey } from "../../../ssrData.ts";
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
  const data = useQueryClient().getQueryData<CommunityPageData>(ssrPageQueryKey);
  const name = usePublicWorkspace()?.name ?? t("common.appName");
  const nav = [
    { href: "/community/leaderboard", label: t("communityPublic.leaderboardLink") },
    { href: "/community/mvps", label: t("communityPublic.mvpsLink") },
    { href: "/help", label: t("communityPublic.helpCenter") },
  ];
  if (!data?.viewer.signedIn) nav.push({ href: "/portal", label: t("communityPublic.signIn") });

  return (
    <PublicLayout
      home={{ href: "/community", label: t("communityPublic.homeLink", { workspace: name }) }}
      nav={nav}
      navLabel={t("communityPublic.title")}
      css={COMMUNITY_CSS}
    >
      {data ? (
        <Page data={data} workspace={name} />
      ) : (
        <ReloadNotice
          hint={t("communityPublic.reloadHint")}
          label={t("communityPublic.reload")}
          fallbackHref="/community"
        />
      )}
    </PublicLayout>
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
