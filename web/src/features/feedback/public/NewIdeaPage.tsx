import { Anchor, Button, NativeSelect, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { FeedbackPageData } from "../../../../../contracts/feedback-pages.ts";
import { SignInFirst, usePostThenGo, useSimilar } from "../../../ui/newPost.tsx";
import { feedbackApi, type SimilarResult } from "./feedbackApi.ts";
import { useFeedbackText } from "./feedbackText.ts";
import { Crumbs, useHydrated } from "./shared.tsx";

type Data = Extract<FeedbackPageData, { page: "new" }>;

/**
 * /feedback/new?board=: share an idea. While the title is typed (3 characters or more, 300 ms
 * after the last key) it shows similar ideas and help articles from `GET /ideas/similar` (the
 * insight part), so a customer votes for an existing idea rather than posting it again; until
 * that answers, nothing is shown. Posting calls the core API (needs JavaScript).
 */
export function NewIdeaPage({ data }: { data: Data }) {
  const { t } = useFeedbackText();
  const hydrated = useHydrated();
  const [boardId, setBoardId] = useState(data.boardId ?? "");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const similar = useSimilar<SimilarResult>(title, feedbackApi.similar);
  const { busy, error, submit } = usePostThenGo(
    () => feedbackApi.createIdea({ boardId, title, description }),
    (message) => t("feedbackPublic.failed", { message }),
  );

  const heading = t("feedbackPublic.newIdeaPage.title");
  if (!data.viewer.signedIn) {
    return (
      <SignInFirst
        crumbs={<Crumbs crumbs={data.crumbs} current={heading} />}
        heading={heading}
        signIn={t("feedbackPublic.newIdeaPage.signIn")}
      />
    );
  }
  const hasSimilar = !!similar && (similar.ideas.length > 0 || similar.articles.length > 0);
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={heading} />
      <Title order={1}>{heading}</Title>
      <noscript>
        <Text>{t("feedbackPublic.newIdeaPage.needsScript")}</Text>
      </noscript>
      <form onSubmit={submit} aria-label={heading}>
        <Stack gap="md">
          <NativeSelect
            label={t("feedbackPublic.newIdeaPage.board")}
            value={boardId}
            onChange={(e) => setBoardId(e.currentTarget.value)}
            // Until the page hydrates, what one picks or types would be reset by React (and the
            // button stays off): the fields wait for the script, as the <noscript> note says.
            disabled={!hydrated}
            required
            data={[
              { value: "", label: t("feedbackPublic.newIdeaPage.chooseBoard") },
              ...data.boards.map((b) => ({ value: b.id, label: b.name })),
            ]}
          />
          <TextInput
            label={t("feedbackPublic.newIdeaPage.ideaTitle")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            disabled={!hydrated}
            required
            minLength={5}
            maxLength={200}
          />
          {hasSimilar && (
            <section aria-live="polite" aria-label={t("feedbackPublic.newIdeaPage.similar")}>
              {similar.ideas.length > 0 && (
                <>
                  <Text fw={700}>{t("feedbackPublic.newIdeaPage.similar")}</Text>
                  <Text size="sm" c="dimmed">
                    {t("feedbackPublic.newIdeaPage.similarHint")}
                  </Text>
                  <ul>
                    {similar.ideas.map((i) => (
                      <li key={i.id}>
                        <Anchor href={i.url}>{i.title}</Anchor>{" "}
                        <Text span size="sm" c="dimmed">
                          {t("feedbackPublic.votes", { count: i.votes })}
                        </Text>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {similar.articles.length > 0 && (
                <>
                  <Text fw={700}>{t("feedbackPublic.newIdeaPage.articles")}</Text>
                  <ul>
                    {similar.articles.map((a) => (
                      <li key={a.id}>
                        <Anchor href={`/help/${encodeURIComponent(a.slug)}`}>{a.title}</Anchor>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
          <Textarea
            label={t("feedbackPublic.newIdeaPage.description")}
            description={t("feedbackPublic.newIdeaPage.descriptionHint")}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            disabled={!hydrated}
            minRows={5}
            autosize
          />
          {error && (
            <Text className="fb-error" role="alert">
              {error}
            </Text>
          )}
          <div>
            <Button type="submit" loading={busy} disabled={!hydrated || !boardId}>
              {t("feedbackPublic.newIdeaPage.post")}
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
