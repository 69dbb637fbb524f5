import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { IconAlertTriangle, IconTextPlus } from "@tabler/icons-react";
import { type RefObject, useState } from "react";
import { flushSync } from "react-dom";
import type { Snippet } from "../../../../contracts/snippets.ts";
import { ApiError } from "../../api/client.ts";
import { fillSnippet, unfilledIn, useCreateSnippet, useSnippets } from "./snippetsApi.ts";
import { useSnippetsText } from "./snippetsText.ts";

type Props = {
  caseId: string;
  body: string;
  setBody: (text: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
};

const matches = (s: Snippet, q: string) =>
  !q || s.title.toLowerCase().includes(q) || s.body.toLowerCase().includes(q);

/**
 * "Snippets" beside the composer: type to filter, arrows to choose, Enter inserts the snippet
 * filled from this case at the cursor. A fact Rapport does not know stays as its placeholder
 * and is flagged below the composer until the agent completes it. Offered, never required.
 */
export function SnippetPicker(props: Props) {
  const { t } = useSnippetsText();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const snippets = useSnippets(open);
  const q = query.trim().toLowerCase();
  const shown = (snippets.data?.items ?? []).filter((s) => matches(s, q));

  const insert = async (s: Snippet) => {
    setError(null);
    try {
      const filled = await fillSnippet(props.caseId, s.id);
      const area = props.textareaRef.current;
      const start = area?.selectionStart ?? props.body.length;
      const end = area?.selectionEnd ?? props.body.length;
      const next = props.body.slice(0, start) + filled.text + props.body.slice(end);
      // Committed now, not whenever React next renders: selecting below in a textarea that
      // still holds the old text would be undone when the new value lands (the caret jumps to
      // the end, and what the agent types goes after the placeholder instead of over it).
      flushSync(() => {
        props.setBody(next);
        setOpen(false);
        setQuery("");
      });
      // Select the first fact left to complete, so the agent can type over it at once.
      requestAnimationFrame(() => {
        const el = props.textareaRef.current;
        if (!el) return;
        el.focus();
        const first = filled.missing.length > 0 ? next.indexOf("{{", start) : -1;
        if (first >= 0) el.setSelectionRange(first, next.indexOf("}}", first) + 2);
        else el.setSelectionRange(start + filled.text.length, start + filled.text.length);
      });
    } catch (err) {
      setError(t("snippets.insertError", { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <Popover opened={open} onChange={setOpen} position="top-start" width={380} trapFocus shadow="md">
      <Popover.Target>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconTextPlus size={14} aria-hidden />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
        >
          {t("snippets.button")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            label={t("snippets.search")}
            description={t("snippets.searchHint")}
            value={query}
            data-autofocus
            role="combobox"
            aria-expanded
            aria-controls="snippet-list"
            aria-activedescendant={shown[active] ? `snippet-${shown[active].id}` : undefined}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, shown.length - 1));
              else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
              else if (e.key === "Enter") {
                e.preventDefault();
                const s = shown[active];
                if (s) void insert(s);
              } else return;
              e.preventDefault();
            }}
          />
          {snippets.isError && (
            <Text size="sm" c="red">
              {t("snippets.loadError", { message: snippets.error.message })}
            </Text>
          )}
          <ScrollArea.Autosize mah={240}>
            <Stack gap={2} id="snippet-list" role="listbox" aria-label={t("snippets.button")}>
              {shown.map((s, i) => (
                <UnstyledButton
                  key={s.id}
                  id={`snippet-${s.id}`}
                  role="option"
                  aria-selected={i === active}
                  tabIndex={-1}
                  p={6}
                  style={{
                    borderRadius: 6,
                    background: i === active ? "var(--mantine-color-default-hover)" : undefined,
                  }}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => void insert(s)}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={600} truncate>
                      {s.title}
                    </Text>
                    <Badge size="xs" variant="light" color={s.teamId ? "grape" : "gray"}>
                      {s.teamName ? t("snippets.team", { name: s.teamName }) : t("snippets.mine")}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {s.body}
                  </Text>
                </UnstyledButton>
              ))}
              {snippets.isSuccess && shown.length === 0 && (
                <Text size="sm" c="dimmed">
                  {snippets.data.items.length === 0 ? t("snippets.empty") : t("snippets.none")}
                </Text>
              )}
            </Stack>
          </ScrollArea.Autosize>
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <NewSnippet />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * Below the composer: the placeholders still in the text, facts Rapport did not know. They are
 * never sent as empty gaps; this asks the agent to complete them (sending stays the agent's call).
 */
export function MissingFacts(props: { body: string }) {
  const { t } = useSnippetsText();
  const unfilled = unfilledIn(props.body);
  if (unfilled.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      data-testid="snippet-missing"
      w="100%"
    >
      {/* Text-coloured words: orange on its light tint misses AA contrast. */}
      <Text size="sm" fw={700}>
        {t("snippets.missingTitle")}
      </Text>
      <Text size="sm">
        {t("snippets.missingBody")}
        {unfilled.map((p) => (
          <Code key={p} mx={2} fw={700}>
            {p}
          </Code>
        ))}
      </Text>
    </Alert>
  );
}

function NewSnippet() {
  const { t } = useSnippetsText();
  const create = useCreateSnippet();
  const [shown, setShown] = useState(false);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  if (!shown)
    return (
      <Button variant="light" size="xs" onClick={() => setShown(true)}>
        {t("snippets.newTitle")}
      </Button>
    );
  const save = async () => {
    setError(null);
    try {
      await create.mutateAsync({ title, body });
      setTitle("");
      setBody("");
      setShown(false);
    } catch (err) {
      setError(
        err instanceof ApiError ? { field: err.field ?? "", message: err.message } : { message: String(err) },
      );
    }
  };
  return (
    <Stack gap={6}>
      <TextInput
        size="xs"
        label={t("snippets.title")}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={error?.field === "title" ? error.message : undefined}
      />
      <Textarea
        size="xs"
        label={t("snippets.body")}
        description={`${t("snippets.bodyHint")} {{customer.first_name}}, {{case.number}}, {{fact.address}}`}
        value={body}
        autosize
        minRows={2}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={error && error.field !== "title" ? error.message : undefined}
      />
      <Button size="xs" onClick={() => void save()} loading={create.isPending}>
        {t("snippets.save")}
      </Button>
    </Stack>
  );
}
