import { Alert, Center, Loader, Stack, Tabs, Text } from "@mantine/core";
import { IconBook } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Message, messagePageSchema } from "../../../../contracts/cases.ts";
import { timelinePageSchema } from "../../../../contracts/timeline-page.ts";
import { apiParsed } from "../../api/client.ts";
import { LoadMoreButton } from "../../ui/LoadMoreButton.tsx";
import { useLoadMore } from "../../ui/useLoadMore.ts";
import { ArticleLink, TimelineList } from "../customers/TimelineList.tsx";
import { useCaseTimeline, useMessages } from "./casesApi.ts";
import { MessageItem } from "./MessageItem.tsx";

/**
 * The messages, oldest first, with the case's activity (what changed, who did it) in a second
 * tab. Both load a page at a time: a long case has a "Load more" under each list.
 */
export function Conversation(props: {
  caseId: string;
  canForward?: boolean;
  messageActions?: (m: Message) => ReactNode;
}) {
  const { t } = useTranslation();
  const messages = useMessages(props.caseId);
  const timeline = useCaseTimeline(props.caseId);
  const base = `/api/v1/cases/${props.caseId}`;
  const moreMessages = useLoadMore(messages.data, (cursor) =>
    apiParsed(messagePageSchema, `${base}/messages?limit=100&cursor=${encodeURIComponent(cursor)}`),
  );
  const moreEvents = useLoadMore(timeline.data, (cursor) =>
    apiParsed(timelinePageSchema, `${base}/timeline?limit=200&cursor=${encodeURIComponent(cursor)}`),
  );

  // The help article the customer read before asking (its "contact support"): what they tried.
  const source = moreEvents.items.find((e) => e.kind === "article.source");

  return (
    <Tabs defaultValue="conversation" keepMounted={false}>
      {source && (
        <Alert
          variant="light"
          color="blue"
          icon={<IconBook aria-hidden />}
          mb="sm"
          role="note"
          data-testid="case-source-article"
        >
          <Text size="sm">
            {source.actor?.name ?? t("timeline.system")} {t("timeline.kinds.article_source")}
            <ArticleLink data={source.data} />
          </Text>
        </Alert>
      )}
      <Tabs.List>
        <Tabs.Tab value="conversation">{t("cases.conversationTab")}</Tabs.Tab>
        <Tabs.Tab value="activity">{t("cases.activityTab")}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="conversation" pt="md">
        {messages.isPending ? (
          <Center py="lg">
            <Loader aria-label={t("common.loading")} />
          </Center>
        ) : (
          <>
            <Stack gap="sm" aria-label={t("cases.conversationLabel")} role="log" data-conversation>
              {messages.data?.items.length === 0 && <Text c="dimmed">{t("cases.noMessages")}</Text>}
              {moreMessages.items.map((m) => (
                <MessageItem
                  key={m.id}
                  message={m}
                  canForward={props.canForward ?? false}
                  actions={props.messageActions?.(m)}
                />
              ))}
            </Stack>
            <LoadMoreButton more={moreMessages} />
          </>
        )}
      </Tabs.Panel>
      <Tabs.Panel value="activity" pt="md">
        {timeline.data ? (
          <>
            <TimelineList events={moreEvents.items} />
            <LoadMoreButton more={moreEvents} />
          </>
        ) : (
          <Loader aria-label={t("common.loading")} />
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
