import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { FeedbackBoardView, FeedbackPageData } from "../../../../../contracts/feedback-pages.ts";
import { useFeedbackText } from "./feedbackText.ts";
import { Crumbs, IdeaList, Pager } from "./shared.tsx";

type Home = Extract<FeedbackPageData, { page: "home" }>;
type Board = Extract<FeedbackPageData, { page: "board" }>;

const FILTER_STATUSES = ["open", "under_review", "planned", "in_progress", "done", "declined"] as const;

/** /feedback: the boards the visitor may read and the most-voted ideas still to come. */
export function FeedbackHome({ data, workspace }: { data: Home; workspace: string }) {
  const { t } = useFeedbackText();
  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1}>{t("feedbackPublic.homeTitle")}</Title>
          <Text c="dimmed">{t("feedbackPublic.homeIntro", { workspace })}</Text>
        </Stack>
        <Button component="a" href="/feedback/new">
          {t("feedbackPublic.newIdea")}
        </Button>
      </Group>
      <section aria-labelledby="fb-boards">
        <Title order={2} id="fb-boards" mb="sm">
          {t("feedbackPublic.boards")}
        </Title>
        {data.boards.length === 0 ? (
          <Text c="dimmed">{t("feedbackPublic.noIdeas")}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {data.boards.map((b) => (
              <Paper key={b.id} withBorder radius="lg" p="md">
                <Stack gap={4}>
                  <Title order={3} fz="h4">
                    <Anchor href={b.href} inherit>
                      {b.name}
                    </Anchor>
                  </Title>
                  {b.description && (
                    <Text size="sm" c="dimmed">
                      {b.description}
                    </Text>
                  )}
                  <Text size="sm">
                    {t("feedbackPublic.ideaCount", { count: b.ideaCount })}
                    <VisibilityNote board={b} />
                  </Text>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </section>
      <section aria-labelledby="fb-top">
        <Title order={2} id="fb-top" mb="sm">
          {t("feedbackPublic.topIdeas")}
        </Title>
        <IdeaList ideas={data.top} labels={data.labels} />
      </section>
    </Stack>
  );
}

function VisibilityNote({ board }: { board: FeedbackBoardView }) {
  const { t } = useFeedbackText();
  if (board.visibility === "public") return null;
  return <> · {t(`feedbackPublic.visibility.${board.visibility}`)}</>;
}

/** /feedback/<board>?sort=&status=&page=: one board's ideas; the filter is a plain GET form. */
export function BoardPage({ data }: { data: Board }) {
  const { t } = useFeedbackText();
  const { board } = data;
  const hrefOf = (n: number) => {
    const q = new URLSearchParams();
    if (data.sort !== "votes") q.set("sort", data.sort);
    if (data.status) q.set("status", data.status);
    if (n > 1) q.set("page", String(n));
    return q.size > 0 ? `${board.href}?${q}` : board.href;
  };
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={board.name} />
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1}>{board.name}</Title>
          {board.description && <Text c="dimmed">{board.description}</Text>}
          <Text size="sm">
            {t("feedbackPublic.ideaCount", { count: data.total })}
            <VisibilityNote board={board} />
          </Text>
        </Stack>
        <Button component="a" href={`/feedback/new?board=${encodeURIComponent(board.slug)}`}>
          {t("feedbackPublic.newIdea")}
        </Button>
      </Group>
      <form method="get" action={board.href} className="fb-filters">
        <label>
          {t("feedbackPublic.sortLabel")}{" "}
          <select name="sort" defaultValue={data.sort}>
            <option value="votes">{t("feedbackPublic.sort.votes")}</option>
            <option value="recent">{t("feedbackPublic.sort.recent")}</option>
          </select>
        </label>
        <label>
          {t("feedbackPublic.statusFilter")}{" "}
          <select name="status" defaultValue={data.status ?? ""}>
            <option value="">{t("feedbackPublic.allStatuses")}</option>
            {FILTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {data.labels[s]}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" size="xs" variant="default">
          {t("feedbackPublic.apply")}
        </Button>
      </form>
      <IdeaList ideas={data.ideas} labels={data.labels} level="h2" />
      <Pager page={data.pageNumber} count={data.pageCount} hrefOf={hrefOf} />
    </Stack>
  );
}
