import {
  Button,
  Checkbox,
  FileInput,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { COURSE_LEVELS, type Course } from "../../../../contracts/academy-courses.ts";
import { ApiError } from "../../api/client.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { academyKey, uploadFile, usePatchCourse } from "./academyApi.ts";

/** The course's details: title, slug, summary, level, duration, product models, free, cover. */
export function CourseDetails(props: { course: Course }) {
  const { t } = useAcademyAdminText();
  const c = props.course;
  const [title, setTitle] = useState(c.title);
  const [slug, setSlug] = useState(c.slug);
  const [summary, setSummary] = useState(c.summary);
  const [level, setLevel] = useState<string>(c.level);
  const [duration, setDuration] = useState<number | string>(c.durationMinutes ?? "");
  const [models, setModels] = useState<string[]>(c.productModels);
  const [isFree, setIsFree] = useState(c.isFree);
  const [saved, setSaved] = useState(false);
  const [coverError, setCoverError] = useState<string | null>(null);
  const patch = usePatchCourse(c.id);
  const qc = useQueryClient();
  const err = patch.error instanceof ApiError ? patch.error : undefined;
  const fieldError = (f: string) => (err?.field === f ? err.message : undefined);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        patch.mutate(
          {
            title,
            slug,
            summary,
            level: level as Course["level"],
            durationMinutes: typeof duration === "number" ? duration : null,
            productModels: models,
            isFree,
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t("academyAdmin.editor.titleField")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError("title")}
          required
        />
        <TextInput
          label={t("academyAdmin.editor.slug")}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={fieldError("slug")}
        />
        <Textarea
          label={t("academyAdmin.editor.summary")}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fieldError("summary")}
        />
        <Group grow>
          <Select
            label={t("academyAdmin.editor.level")}
            data={COURSE_LEVELS.map((l) => ({ value: l, label: t(`academyAdmin.levels.${l}`) }))}
            value={level}
            onChange={(v) => v && setLevel(v)}
            allowDeselect={false}
          />
          <NumberInput
            hideControls
            label={t("academyAdmin.editor.duration")}
            value={duration}
            onChange={setDuration}
            min={1}
            max={100000}
            error={fieldError("durationMinutes")}
          />
        </Group>
        <TagsInput
          label={t("academyAdmin.editor.productModels")}
          description={t("academyAdmin.editor.productModelsHint")}
          value={models}
          onChange={setModels}
        />
        <Checkbox
          label={t("academyAdmin.editor.free")}
          checked={isFree}
          onChange={(e) => setIsFree(e.currentTarget.checked)}
        />
        <FileInput
          label={t("academyAdmin.editor.cover")}
          description={t("academyAdmin.editor.coverUpload")}
          accept="image/png,image/jpeg,image/gif,image/webp"
          error={coverError}
          onChange={async (file) => {
            if (!file) return;
            setCoverError(null);
            try {
              await uploadFile(`/api/v1/academy/courses/${c.id}/cover`, file);
              await qc.invalidateQueries({ queryKey: academyKey });
            } catch (e) {
              setCoverError((e as Error).message);
            }
          }}
        />
        {c.coverUrl && <img src={c.coverUrl} alt="" style={{ maxWidth: 240, borderRadius: 8 }} />}
        {err && !err.field && (
          <Text c="red" role="alert">
            {err.message}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={patch.isPending}>
            {t("academyAdmin.editor.save")}
          </Button>
          {saved && (
            <Text size="sm" c="teal" role="status">
              {t("academyAdmin.editor.saved")}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
