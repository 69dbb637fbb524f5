import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconX } from "@tabler/icons-react";
import { useState } from "react";
import type { Path } from "../../../../contracts/academy-report.ts";
import { ApiError } from "../../api/client.ts";
import { useAcademyPathsText } from "./academyPathsText.ts";
import { savePath, useCourseChoices, usePathMutation } from "./pathsApi.ts";

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);

/**
 * Create or edit a path: its title, address and courses in order. Courses are ordered with
 * up and down buttons (keyboard and screen-reader friendly); the server checks each course
 * exists and appears once, and its answer names the field at fault.
 */
export function PathEditor(props: { path: Path | null; onDone: () => void }) {
  const { t } = useAcademyPathsText();
  const choices = useCourseChoices();
  const [title, setTitle] = useState(props.path?.title ?? "");
  const [slug, setSlug] = useState(props.path?.slug ?? "");
  const [summary, setSummary] = useState(props.path?.summary ?? "");
  const [courseIds, setCourseIds] = useState<string[]>(props.path?.courses.map((c) => c.id) ?? []);
  const save = usePathMutation(savePath);
  const byId = new Map((choices.data?.items ?? []).map((c) => [c.id, c]));
  const error = save.error instanceof ApiError ? save.error : null;
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const move = (i: number, by: -1 | 1) => {
    const next = [...courseIds];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    setCourseIds(next);
  };
  const submit = () =>
    save.mutate(
      { id: props.path?.id, slug: slug || slugOf(title), title, summary, courseIds },
      { onSuccess: props.onDone },
    );

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={t("academyPaths.editor.createTitle")}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {props.path
            ? t("academyPaths.editor.editTitle", { title: props.path.title })
            : t("academyPaths.editor.createTitle")}
        </Title>
        <TextInput
          label={t("academyPaths.editor.name")}
          value={title}
          required
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError("title")}
        />
        {!props.path && (
          <TextInput
            label={t("academyPaths.editor.slug")}
            description={t("academyPaths.editor.slugHint")}
            value={slug}
            placeholder={slugOf(title)}
            onChange={(e) => setSlug(e.currentTarget.value)}
            error={fieldError("slug")}
          />
        )}
        <Textarea
          label={t("academyPaths.editor.summary")}
          value={summary}
          autosize
          minRows={2}
          onChange={(e) => setSummary(e.currentTarget.value)}
        />
        <Text fw={600} size="sm" id="path-courses-label">
          {t("academyPaths.editor.courses")}
        </Text>
        {courseIds.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("academyPaths.editor.noCourses")}
          </Text>
        )}
        <Stack
          gap={4}
          component="ol"
          aria-labelledby="path-courses-label"
          style={{ paddingLeft: 20, margin: 0 }}
        >
          {courseIds.map((id, i) => {
            const course = byId.get(id);
            const name = course?.title ?? id;
            return (
              <li key={id}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ flex: 1 }}>
                    {name}{" "}
                    {course && course.state !== "published" && (
                      <Badge size="xs" variant="light" color="gray">
                        {t("academyPaths.editor.draftCourse")}
                      </Badge>
                    )}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t("academyPaths.editor.up", { title: name })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t("academyPaths.editor.down", { title: name })}
                    disabled={i === courseIds.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("academyPaths.editor.remove", { title: name })}
                    onClick={() => setCourseIds(courseIds.filter((x) => x !== id))}
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </li>
            );
          })}
        </Stack>
        <Select
          label={t("academyPaths.editor.addCourse")}
          placeholder={t("academyPaths.editor.addPlaceholder")}
          data={(choices.data?.items ?? [])
            .filter((c) => !courseIds.includes(c.id))
            .map((c) => ({ value: c.id, label: c.title }))}
          value={null}
          searchable
          onChange={(v) => v && setCourseIds([...courseIds, v])}
          error={fieldError("courseIds")}
        />
        {error && !["title", "slug", "courseIds"].includes(error.field ?? "") && (
          <Alert color="red">{error.message}</Alert>
        )}
        <Group>
          <Button onClick={submit} loading={save.isPending} disabled={title.trim() === ""}>
            {t("academyPaths.editor.save")}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t("academyPaths.editor.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
