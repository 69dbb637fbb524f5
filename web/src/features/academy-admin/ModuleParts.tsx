import { ActionIcon, Button, Group, Select, TextInput, Title } from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import {
  LESSON_KINDS,
  type LessonInput,
  type LessonKindName,
} from "../../../../contracts/academy-courses.ts";
import { ApiError } from "../../api/client.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { useAddLesson, useAddModule, useDeleteModule, useRenameModule } from "./academyApi.ts";

/** A module's title with rename and delete. */
export function ModuleHeader(props: { courseId: string; id: string; title: string; index: number }) {
  const { t } = useAcademyAdminText();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(props.title);
  const rename = useRenameModule(props.courseId);
  const remove = useDeleteModule(props.courseId);
  if (editing)
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ id: props.id, title }, { onSuccess: () => setEditing(false) });
        }}
      >
        <Group gap="xs" mb="xs">
          <TextInput
            aria-label={t("academyAdmin.editor.moduleTitle")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={rename.error?.message}
            data-autofocus
          />
          <Button type="submit" size="xs" loading={rename.isPending}>
            {t("academyAdmin.editor.renameModule")}
          </Button>
        </Group>
      </form>
    );
  return (
    <Group justify="space-between" mb="xs">
      <Title order={3} size="h5">
        {`${props.index + 1}. ${props.title}`}
      </Title>
      <Group gap={4}>
        <ActionIcon
          variant="subtle"
          aria-label={`${t("academyAdmin.editor.renameModule")} ${props.title}`}
          onClick={() => setEditing(true)}
        >
          <IconPencil size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`${t("academyAdmin.editor.deleteModule")} ${props.title}`}
          onClick={() => remove.mutate(props.id)}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
    </Group>
  );
}

/** Adds a lesson at the end of a module; link and session lessons ask for what they point at. */
export function AddLessonForm(props: { courseId: string; moduleId: string }) {
  const { t } = useAcademyAdminText();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<LessonKindName>("text");
  const [linkKind, setLinkKind] = useState<"article" | "playbook">("article");
  const [target, setTarget] = useState("");
  const add = useAddLesson(props.courseId);
  const error = add.error instanceof ApiError ? add.error : undefined;
  function submit() {
    const lesson: LessonInput = { title, kind };
    if (kind === "link") Object.assign(lesson, { linkKind, linkTargetId: target.trim() || null });
    if (kind === "session") lesson.sessionId = target.trim() || null;
    add.mutate(
      { moduleId: props.moduleId, lesson },
      {
        onSuccess: () => {
          setTitle("");
          setTarget("");
        },
      },
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Group gap="xs" mt="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t("academyAdmin.editor.lessonTitle")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={error && (error.field === "title" || !error.field) ? error.message : undefined}
          size="xs"
          required
        />
        <Select
          label={t("academyAdmin.editor.lessonKind")}
          data={LESSON_KINDS.map((k) => ({ value: k, label: t(`academyAdmin.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as LessonKindName)}
          allowDeselect={false}
          size="xs"
          w={140}
        />
        {kind === "link" && (
          <Select
            label={t("academyAdmin.lesson.linkKind")}
            data={[
              { value: "article", label: t("academyAdmin.lesson.article") },
              { value: "playbook", label: t("academyAdmin.lesson.playbook") },
            ]}
            value={linkKind}
            onChange={(v) => v && setLinkKind(v as "article" | "playbook")}
            allowDeselect={false}
            size="xs"
            w={140}
          />
        )}
        {(kind === "link" || kind === "session") && (
          <TextInput
            label={kind === "link" ? t("academyAdmin.lesson.linkTarget") : t("academyAdmin.lesson.sessionId")}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            error={error && error.field !== "title" && error.field ? error.message : undefined}
            size="xs"
          />
        )}
        <Button
          type="submit"
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          loading={add.isPending}
        >
          {t("academyAdmin.editor.addLesson")}
        </Button>
      </Group>
    </form>
  );
}

export function AddModuleForm(props: { courseId: string }) {
  const { t } = useAcademyAdminText();
  const [title, setTitle] = useState("");
  const add = useAddModule(props.courseId);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(title, { onSuccess: () => setTitle("") });
      }}
    >
      <Group gap="xs" align="flex-end">
        <TextInput
          label={t("academyAdmin.editor.moduleTitle")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={add.error?.message}
          required
        />
        <Button
          type="submit"
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={add.isPending}
        >
          {t("academyAdmin.editor.addModule")}
        </Button>
      </Group>
    </form>
  );
}
