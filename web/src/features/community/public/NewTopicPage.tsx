import { Button, NativeSelect, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { CommunityPageData } from "../../../../../contracts/community-pages.ts";
import { SignInFirst, usePostThenGo, useSimilar } from "../../../ui/newPost.tsx";
import { communityApi, type SimilarResult } from "./communityApi.ts";
import { useCommunityText } from "./communityText.ts";
import { PictureUpload, withPicture } from "./PictureUpload.tsx";
import { Crumbs, useHydrated } from "./shared.tsx";

type Data = Extract<CommunityPageData, { page: "new" }>;

/**
 * /community/new?category=: ask a question. While the title is typed (3 characters or more,
 * 300 ms after the last key) it shows similar questions and help articles, so an answer that
 * exists is found before a duplicate is posted. The form is plain HTML: without JavaScript it
 * posts to /community/new (server/…/public/form-posts.ts), which comes back here with a refusal
 * naming the field; with JavaScript it calls the Core API.
 */
export function NewTopicPage({ data }: { data: Data }) {
  const { t } = useCommunityText();
  const [categoryId, setCategoryId] = useState(data.categoryId ?? "");
  const [title, setTitle] = useState("");
  const hydrated = useHydrated();
  const [body, setBody] = useState("");
  const similar = useSimilar<SimilarResult>(title, communityApi.similar);
  const notice = data.notice ?? null;
  const { busy, error, submit } = usePostThenGo(
    () => communityApi.createTopic({ categoryId, kind: "question", title, body }),
    (message) => t("communityPublic.failed", { message }),
    notice?.kind === "error" && !["categoryId", "title", "body"].includes(notice.field ?? "")
      ? notice.message
      : null,
  );
  // A refusal of the form posted without JavaScript, shown by the field it names.
  const fieldError = (field: "categoryId" | "title" | "body", label: string) =>
    notice?.kind === "error" && notice.field === field
      ? t("communityPublic.fieldError", { field: label, message: notice.message })
      : undefined;

  const heading = t("communityPublic.newTopic.title");
  if (!data.viewer.signedIn) {
    return (
      <SignInFirst
        crumbs={<Crumbs crumbs={data.crumbs} current={heading} />}
        heading={heading}
        signIn={t("communityPublic.newTopic.signIn")}
      />
    );
  }
  const hasSimilar = !!similar && (similar.topics.length > 0 || similar.articles.length > 0);
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={heading} />
      <Title order={1}>{heading}</Title>
      {notice?.kind === "held" && (
        <Text role="status">
          {t("communityPublic.heldTitle")}. {t("communityPublic.held")}
        </Text>
      )}
      <form onSubmit={submit} aria-label={heading} method="post" action="/community/new" id="new-topic">
        <Stack gap="md">
          <NativeSelect
            label={t("communityPublic.newTopic.category")}
            name="categoryId"
            error={fieldError("categoryId", t("communityPublic.newTopic.category"))}
            value={categoryId}
            onChange={(e) => setCategoryId(e.currentTarget.value)}
            required
            data={[
              { value: "", label: t("communityPublic.newTopic.chooseCategory") },
              ...data.categories.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <TextInput
            label={t("communityPublic.newTopic.questionTitle")}
            description={t("communityPublic.newTopic.questionTitleHint")}
            name="title"
            error={fieldError("title", t("communityPublic.newTopic.questionTitle"))}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            minLength={5}
            maxLength={200}
          />
          <section aria-live="polite" aria-label={t("communityPublic.newTopic.similar")}>
            {hasSimilar && (
              <Stack gap="xs">
                <Title order={2} fz="h5">
                  {t("communityPublic.newTopic.similar")}
                </Title>
                {similar.topics.length > 0 && (
                  <ul className="cm-list" aria-label={t("communityPublic.newTopic.similarTopics")}>
                    {similar.topics.map((s) => (
                      <li key={s.id}>
                        <a href={s.url}>{s.title}</a>
                        {s.solved && (
                          <span className="cm-badge cm-badge-solved">{t("communityPublic.solved")}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {similar.articles.length > 0 && (
                  <ul className="cm-list" aria-label={t("communityPublic.newTopic.similarArticles")}>
                    {similar.articles.map((a) => (
                      <li key={a.id}>
                        <a href={`/help/articles/${encodeURIComponent(a.slug)}`}>{a.title}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </Stack>
            )}
          </section>
          <Textarea
            label={t("communityPublic.newTopic.body")}
            description={t("communityPublic.newTopic.bodyHint")}
            name="body"
            error={fieldError("body", t("communityPublic.newTopic.body"))}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={6}
            required
            maxLength={50_000}
          />
          {hydrated && <PictureUpload onInsert={(md) => setBody((b) => withPicture(b, md))} />}
          {error && (
            <Text role="alert" c="red.8">
              {error}
            </Text>
          )}
          <div>
            <Button type="submit" loading={busy}>
              {t("communityPublic.newTopic.post")}
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
