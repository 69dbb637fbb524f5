import {
  Badge,
  Button,
  Group,
  Popover,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSchool } from "@tabler/icons-react";
import { useState } from "react";
import type { LessonHit } from "../../../../contracts/academy-support.ts";
import { useLessonSearch } from "./academySupportApi.ts";
import { useAcademySupportText } from "./academySupportText.ts";

/**
 * "Lesson" beside the composer: the agent searches lessons of published courses (full text
 * over titles and bodies) and inserts a "Suggested lesson" link to the portal. When the reply
 * is sent, the composer reports the links it carries (slots.tsx), and the suggestion is
 * recorded on the case.
 */
export function LessonPicker(props: { body: string; setBody: (text: string) => void }) {
  const { t } = useAcademySupportText();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [q] = useDebouncedValue(query.trim(), 200);
  const search = useLessonSearch(q, open);
  const hits = search.data?.items ?? [];

  const insert = (hit: LessonHit) => {
    // Absolute: the reply also leaves by email, where a path alone is not a link. The agent app
    // answers on the workspace's own address, so its origin is the portal's.
    const href = new URL(hit.href, window.location.origin).href;
    const title = hit.lessonTitle.replace(/[[\]]/g, "\\$&");
    const line = t("academySupport.suggested", { title, href });
    props.setBody(props.body.trim() ? `${props.body.trimEnd()}\n\n${line}` : line);
    setOpen(false);
    setQuery("");
  };

  return (
    <Popover opened={open} onChange={setOpen} position="top-start" width={400} trapFocus shadow="md">
      <Popover.Target>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconSchool size={14} aria-hidden />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
        >
          {t("academySupport.button")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            label={t("academySupport.search")}
            description={t("academySupport.searchHint")}
            value={query}
            data-autofocus
            role="combobox"
            aria-expanded
            aria-controls="lesson-list"
            aria-activedescendant={hits[active] ? `lesson-${hits[active].lessonId}` : undefined}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, hits.length - 1));
              else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
              else if (e.key === "Enter") {
                const hit = hits[active];
                if (hit) insert(hit);
              } else return;
              e.preventDefault();
            }}
          />
          {search.isError && (
            <Text size="sm" c="red">
              {t("academySupport.loadError", { message: search.error.message })}
            </Text>
          )}
          {q && search.isSuccess && hits.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("academySupport.none")}
            </Text>
          )}
          <ScrollArea.Autosize mah={260}>
            <Stack gap={2} id="lesson-list" role="listbox" aria-label={t("academySupport.search")}>
              {hits.map((hit, i) => (
                <UnstyledButton
                  key={hit.lessonId}
                  id={`lesson-${hit.lessonId}`}
                  role="option"
                  aria-selected={i === active}
                  tabIndex={-1}
                  p={6}
                  style={{
                    borderRadius: 6,
                    background: i === active ? "var(--mantine-color-default-hover)" : undefined,
                  }}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => insert(hit)}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={600} truncate>
                      {hit.lessonTitle}
                    </Text>
                    <Badge size="xs" variant="light" color="gray">
                      {hit.kind}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {hit.courseTitle}
                  </Text>
                  <Text size="xs" lineClamp={2}>
                    {hit.excerpt}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
