import { Center, Loader, Stack, Tabs, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TimelineList } from "../customers/TimelineList.tsx";
import { useCaseTimeline, useMessages } from "./casesApi.ts";
import { MessageItem } from "./MessageItem.tsx";

/** The messages, oldest first, with the case's activity (what changed, who did it) in a second tab. */
export function Conversation(props: { caseId: string; canForward?: boolean }) {
  const { t } = useTranslation();
  const messages = useMessages(props.caseId);
  const timeline = useCaseTimeline(props.caseId);

  return (
    <Tabs defaultValue="conversation" keepMounted={false}>
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
          <Stack gap="sm" aria-label={t("cases.conversationLabel")} role="log" data-conversation>
            {messages.data?.items.length === 0 && <Text c="dimmed">{t("cases.noMessages")}</Text>}
            {messages.data?.items.map((m) => (
              <MessageItem key={m.id} message={m} canForward={props.canForward ?? false} />
            ))}
          </Stack>
        )}
      </Tabs.Panel>
      <Tabs.Panel value="activity" pt="md">
        {timeline.data ? (
          <TimelineList events={timeline.data.items} />
        ) : (
          <Loader aria-label={t("common.loading")} />
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
