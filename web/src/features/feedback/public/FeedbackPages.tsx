import { Anchor, Box, Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { PublicWorkspace } from "../../../../../contracts/accounts.ts";
import type { FeedbackPageData } from "../../../../../contracts/feedback-pages.ts";
import { ssrPageQueryKey } from "../../../ssrData.ts";
import { Brand } from "../../../ui/Brand.tsx";
import { PublicFrame } from "../../public/PublicFrame.tsx";
import { publicWorkspaceQueryKey } from "../../public/PublicHome.tsx";
import { BoardPage, FeedbackHome } from "./BoardPages.tsx";
import { FeedbackTextProvider, useFeedbackText } from "./feedbackText.ts";
import { IdeaPage } from "./IdeaPage.tsx";
import { NewIdeaPage } from "./NewIdeaPage.tsx";
import { ChangelogPage, RoadmapPage } from "./RoadmapPages.tsx";
import { FEEDBACK_CSS } from "./shared.tsx";

/**
 * The feedback portal's public pages (issue #17). The server decides which page a URL is and
 * loads its data (server/src/modules/feedback/public/); this renders it, on the server and again
 * when hydrating. Links and forms are plain HTML so everything reads without JavaScript; after
 * hydration a signed-in customer votes, comments, follows and posts ideas.
 */
export function FeedbackPages() {
  return (
    <FeedbackTextProvider>
      <FeedbackFrame />
    </FeedbackTextProvider>
  );
}

function FeedbackFrame() {
  const { t } = useFeedbackText();
  const queryClient = useQueryClient();
  const data = queryClient.getQueryData<FeedbackPageData>(ssrPageQueryKey);
  const workspace = queryClient.getQueryData<PublicWorkspace>(publicWorkspaceQueryKey);
  const name = workspace?.name ?? "Rapport";
  const signedIn = !!data?.viewer.signedIn;
  return (
    <PublicFrame
      before={<style>{FEEDBACK_CSS}</style>}
      home={{
        href: "/feedback",
        label: t("feedbackPublic.homeLink", { workspace: name }),
        content: <Brand name={name} />,
      }}
      navLabel={t("feedbackPublic.title")}
      links={[
        { href: "/feedback/roadmap", label: t("feedbackPublic.roadmapLink") },
        { href: "/feedback/changelog", label: t("feedbackPublic.changelogLink") },
        { href: "/help", label: t("feedbackPublic.helpCenter") },
        ...(signedIn ? [] : [{ href: "/portal", label: t("feedbackPublic.signIn") }]),
      ]}
    >
      <Container component="main" size="md" py="xl">
        {data ? <Page data={data} workspace={name} /> : <Reload />}
      </Container>
      <Box component="footer" py="lg">
        <Group justify="center">
          <Text size="sm" c="dimmed">
            {t("feedbackPublic.poweredBy")}
          </Text>
        </Group>
      </Box>
    </PublicFrame>
  );
}

function Page({ data, workspace }: { data: FeedbackPageData; workspace: string }) {
  switch (data.page) {
    case "home":
      return <FeedbackHome data={data} workspace={workspace} />;
    case "board":
      return <BoardPage data={data} />;
    case "idea":
      return <IdeaPage data={data} />;
    case "roadmap":
      return <RoadmapPage data={data} />;
    case "changelog":
      return <ChangelogPage data={data} />;
    case "new":
      return <NewIdeaPage data={data} />;
    default:
      return <FeedbackNotFound />;
  }
}

/** Reached only by a client-side navigation (no server data): a full load brings the page. */
function Reload() {
  const { t } = useFeedbackText();
  return (
    <Stack align="flex-start">
      <Text>{t("feedbackPublic.reloadHint")}</Text>
      <Button component="a" href={typeof window === "undefined" ? "/feedback" : window.location.href}>
        {t("feedbackPublic.reload")}
      </Button>
    </Stack>
  );
}

function FeedbackNotFound() {
  const { t } = useFeedbackText();
  return (
    <Stack gap="lg" align="flex-start">
      <Title order={1}>{t("feedbackPublic.notFoundTitle")}</Title>
      <Text>{t("feedbackPublic.notFoundBody")}</Text>
      <Anchor href="/feedback">{t("feedbackPublic.backHome")}</Anchor>
    </Stack>
  );
}
