import { Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconFileText, IconLink, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { Message } from "../../../../contracts/cases.ts";
import type { DraftSeed } from "./ArticleEditorPage.tsx";
import {
  fetchArticle,
  type Suggestion,
  shareArticle,
  useArticleSearch,
  useCaseArticleSuggestions,
} from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

/** Where a reader opens an item: articles on the public help center, playbooks on the portal. */
export function readerUrl(item: Pick<Suggestion, "kind" | "slug">) {
  const path = item.kind === "playbook" ? `/portal/help/${item.slug}` : `/help/articles/${item.slug}`;
  // Absolute: replies are read in mail and the portal, where only http(s) links survive.
  return `${globalThis.location?.origin ?? ""}${path}`;
}

/**
 * Articles for the case on the right of the case page: suggestions for it (or, until the
 * suggestion route exists, published articles matching the subject) and a search. Each goes
 * into the reply as a link or as its text, and is recorded as shared on the case.
 */
export function KnowledgePanel(props: { caseId: string; subject: string; insert: (text: string) => void }) {
  const { t } = useHelpText();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const suggested = useCaseArticleSuggestions(props.caseId, props.subject);
  const searched = useArticleSearch(debounced);
  const searching = debounced.length > 0;
  const items = searching ? (searched.data ?? []) : (suggested.data ?? []);
  const pending = searching ? searched.isFetching && !searched.data : suggested.isPending;
  const [busy, setBusy] = useState<string | null>(null);

  const done = (item: Suggestion, text: string) => {
    props.insert(text);
    if (item.kind === "article") void shareArticle(props.caseId, item.id).catch(() => undefined);
    notifications.show({
      color: "teal",
      message: t("help.knowledge.inserted"),
      closeButtonProps: { "aria-label": t("common.close") },
    });
  };
  const insertText = async (item: Suggestion) => {
    setBusy(item.id);
    try {
      const article = await fetchArticle(item.id);
      done(item, article.body);
    } catch {
      notifications.show({ color: "red", message: t("common.genericError") });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="knowledge-panel">
      <Stack gap="sm">
        <Title order={2} size="h4" id="knowledge-panel">
          {t("help.knowledge.title")}
        </Title>
        <TextInput
          label={t("help.knowledge.search")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed" fw={600}>
          {searching ? t("help.knowledge.results") : t("help.knowledge.suggested")}
        </Text>
        {pending ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("help.knowledge.none")}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {items.slice(0, 6).map((item) => (
              <Stack component="li" key={`${item.kind}:${item.id}`} gap={4}>
                <Text size="sm" fw={600}>
                  {item.title}
                </Text>
                {item.snippet && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {item.snippet}
                  </Text>
                )}
                <Group gap="xs">
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconLink size={14} aria-hidden />}
                    aria-label={t("help.knowledge.insertLinkLabel", { title: item.title })}
                    onClick={() => done(item, `[${item.title}](${readerUrl(item)})`)}
                  >
                    {t("help.knowledge.insertLink")}
                  </Button>
                  {item.kind === "article" && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      leftSection={<IconFileText size={14} aria-hidden />}
                      aria-label={t("help.knowledge.insertTextLabel", { title: item.title })}
                      loading={busy === item.id}
                      onClick={() => void insertText(item)}
                    >
                      {t("help.knowledge.insertText")}
                    </Button>
                  )}
                </Group>
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * On an agent's reply: opens the article editor with the reply as the body of a new draft.
 * Nothing is saved until the author has read it and pressed Save; the case number shows as a
 * note in the editor and is not copied into the article.
 */
export function DraftArticleButton(props: { message: Message; caseNumber: number }) {
  const { t } = useHelpText();
  const navigate = useNavigate();
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      onClick={() => {
        const seed: DraftSeed = {
          body: props.message.body,
          caseNumber: props.caseNumber,
          visibility: "public",
        };
        navigate("/app/help/new", { state: seed });
      }}
    >
      {t("help.knowledge.draftFromReply")}
    </Button>
  );
}
