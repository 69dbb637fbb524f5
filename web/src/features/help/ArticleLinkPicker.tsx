import { Button, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { type Suggestion, useArticleSearch } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

/** Finds a published article by title; picking one inserts a link to it. */
export function ArticleLinkPicker(props: {
  opened: boolean;
  onClose: () => void;
  onPick: (article: Suggestion) => void;
}) {
  const { t } = useHelpText();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const found = useArticleSearch(debounced, props.opened);
  const items = debounced.trim() ? (found.data ?? []) : [];
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("help.picker.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="sm">
        <TextInput
          label={t("help.picker.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-autofocus
        />
        {debounced.trim() && items.length === 0 && !found.isFetching && (
          <Text size="sm" c="dimmed">
            {t("help.picker.none")}
          </Text>
        )}
        {items.slice(0, 10).map((a) => (
          <Button
            key={a.id}
            variant="subtle"
            justify="flex-start"
            aria-label={t("help.picker.insert", { title: a.title })}
            onClick={() => props.onPick(a)}
          >
            {a.title}
          </Button>
        ))}
      </Stack>
    </Modal>
  );
}
