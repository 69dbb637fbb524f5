import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import type { FeedbackPageData } from "../../../../../contracts/feedback-pages.ts";
import { useFeedbackText } from "./feedbackText.ts";
import { Crumbs, FormattedDate, IdeaList, Pager } from "./shared.tsx";

type Roadmap = Extract<FeedbackPageData, { page: "roadmap" }>;
type Changelog = Extract<FeedbackPageData, { page: "changelog" }>;

/** /feedback/roadmap: planned, in progress and done, as columns (stacked on a narrow screen). */
export function RoadmapPage({ data }: { data: Roadmap }) {
  const { t } = useFeedbackText();
  const heading = t("feedbackPublic.roadmapTitle");
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={heading} />
      <Stack gap="xs">
        <Title order={1}>{heading}</Title>
        <Text c="dimmed">{t("feedbackPublic.roadmapIntro")}</Text>
      </Stack>
      <div className="fb-columns">
        {data.columns.map((col) => (
          <section key={col.status} aria-labelledby={`fb-col-${col.status}`}>
            <Title order={2} fz="h3" id={`fb-col-${col.status}`} mb="xs">
              {data.labels[col.status]}
            </Title>
            {col.ideas.length === 0 ? (
              <Text c="dimmed">{t("feedbackPublic.roadmapEmpty")}</Text>
            ) : (
              <IdeaList ideas={col.ideas} labels={data.labels} showDone={col.status === "done"} />
            )}
          </section>
        ))}
      </div>
    </Stack>
  );
}

/** /feedback/changelog?page=: done ideas, newest first, with the company's words on each. */
export function ChangelogPage({ data }: { data: Changelog }) {
  const { t } = useFeedbackText();
  const heading = t("feedbackPublic.changelogTitle");
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={heading} />
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1}>{heading}</Title>
          <Text c="dimmed">{t("feedbackPublic.changelogIntro")}</Text>
        </Stack>
        <Anchor href="/feedback/changelog.atom" type="application/atom+xml">
          {t("feedbackPublic.feed")}
        </Anchor>
      </Group>
      {data.ideas.length === 0 ? (
        <Text c="dimmed">{t("feedbackPublic.changelogEmpty")}</Text>
      ) : (
        <ol className="fb-list">
          {data.ideas.map((idea) => (
            <li key={idea.id} className="fb-row">
              <div className="fb-row-main">
                <h2 className="fb-row-title">
                  <a href={idea.href}>{idea.title}</a>
                </h2>
                <div className="fb-meta">
                  {idea.doneAt && <FormattedDate iso={idea.doneAt} />}
                  {idea.board && <a href={idea.board.href}>{idea.board.name}</a>}
                  <span>{t("feedbackPublic.votes", { count: idea.votes })}</span>
                </div>
                {idea.statusExplanation && <Text size="sm">{idea.statusExplanation}</Text>}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pager
        page={data.pageNumber}
        count={data.pageCount}
        hrefOf={(n) => (n > 1 ? `/feedback/changelog?page=${n}` : "/feedback/changelog")}
      />
    </Stack>
  );
}
