import { ActionIcon, Button, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useChatText } from "./chatText.ts";

/** The widget's allowed origins: a list to add to and remove from; the server checks each one. */
export function OriginsEditor(props: {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useChatText();
  const [draft, setDraft] = useState("");
  const add = () => {
    const origin = draft.trim().replace(/\/+$/, "");
    if (!origin) return;
    if (!props.value.includes(origin)) props.onChange([...props.value, origin]);
    setDraft("");
  };
  return (
    <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500}>
        {t("chat.widget.origins")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("chat.widget.originsHint")}
      </Text>
      {props.value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("chat.widget.noOrigins")}
        </Text>
      ) : (
        <List listStyleType="none" spacing={4} aria-label={t("chat.widget.origins")}>
          {props.value.map((origin) => (
            <List.Item key={origin}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" ff="monospace">
                  {origin}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("chat.widget.removeOrigin", { origin })}
                  onClick={() => props.onChange(props.value.filter((o) => o !== origin))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Group gap="xs" align="flex-start">
        <TextInput
          aria-label={t("chat.widget.newOrigin")}
          placeholder="https://www.example.com"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          error={props.error}
          style={{ flex: 1 }}
        />
        <Button variant="default" onClick={add}>
          {t("chat.widget.addOrigin")}
        </Button>
      </Group>
    </Stack>
  );
}
