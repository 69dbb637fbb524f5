import { Alert, Badge, Button, Group, Loader, NumberInput, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { ChatAgent } from "../../../../contracts/chat-agents.ts";
import { useMe } from "../auth/session.ts";
import { useChatAgents, useSetAgentCapacity } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";

/** Everyone's chats in hand and capacity; admins change a capacity on its row. */
export function AgentsCapacity() {
  const { t } = useChatText();
  const agents = useChatAgents();
  const canSet = useMe().data?.permissions.includes("team.manage") ?? false;
  if (agents.isPending) return <Loader size="sm" />;
  if (agents.isError)
    return <Alert color="red">{t("chat.loadError", { message: agents.error.message })}</Alert>;
  return (
    <>
      <Text mb="sm">{t("chat.agents.intro")}</Text>
      {agents.data.items.length === 0 ? (
        <Text c="dimmed">{t("chat.agents.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t("chat.agents.table")} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("chat.agents.name")}</Table.Th>
                <Table.Th scope="col">{t("chat.agents.online")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("chat.agents.active")}
                </Table.Th>
                <Table.Th scope="col">{t("chat.agents.capacity")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.data.items.map((a) => (
                <AgentRow key={a.id} agent={a} canSet={canSet} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

function AgentRow(props: { agent: ChatAgent; canSet: boolean }) {
  const { t } = useChatText();
  const a = props.agent;
  const save = useSetAgentCapacity();
  const [value, setValue] = useState<number | string>(a.capacity);
  return (
    <Table.Tr>
      <Table.Td>{a.name}</Table.Td>
      <Table.Td>
        <Badge color={a.online ? "teal" : "gray"} variant="light">
          {a.online ? t("chat.agents.yes") : t("chat.agents.no")}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">{a.active}</Table.Td>
      <Table.Td>
        {props.canSet ? (
          <Group gap="xs" wrap="nowrap">
            <NumberInput
              aria-label={t("chat.agents.capacityOf", { name: a.name })}
              min={0}
              max={50}
              value={value}
              onChange={setValue}
              w={90}
              size="xs"
              error={save.error?.message}
            />
            <Button
              size="xs"
              variant="light"
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { id: a.id, capacity: Number(value) },
                  {
                    onSuccess: () =>
                      notifications.show({
                        color: "teal",
                        message: t("chat.agents.saved", { name: a.name }),
                        closeButtonProps: { "aria-label": t("chat.widget.cancel") },
                      }),
                  },
                )
              }
            >
              {t("chat.agents.save")}
            </Button>
            {!a.ownCapacity && (
              <Text size="xs" c="dimmed">
                {t("chat.agents.ownOrDefault")}
              </Text>
            )}
          </Group>
        ) : (
          a.capacity
        )}
      </Table.Td>
    </Table.Tr>
  );
}
