import {
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Course, Lesson, LessonPatch } from "../../../../contracts/academy-courses.ts";
import { ApiError, api } from "../../api/client.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { academyKey, uploadFile, useDeleteLesson, usePatchLesson, useReorder } from "./academyApi.ts";
import { QuestionEditor } from "./QuestionEditor.tsx";

/** One lesson's fields, by kind, in a dialog; a quiz's questions below its settings. */
export function LessonEditor(props: { course: Course; lesson: Lesson; onClose: () => void }) {
  const { t } = useAcademyAdminText();
  const l = props.lesson;
  const [f, setF] = useState({
    title: l.title,
    required: l.required,
    bodyMd: l.bodyMd,
    videoEmbedUrl: l.videoEmbedUrl ?? "",
    captionsVtt: l.captionsVtt ?? "",
    transcript: l.transcript ?? "",
    linkKind: l.linkKind ?? "article",
    linkTargetId: l.linkTargetId ?? "",
    passPercent: l.passPercent ?? 80,
    attemptLimit: (l.attemptLimit ?? "") as number | string,
    shuffleQuestions: l.shuffleQuestions,
    shuffleChoices: l.shuffleChoices,
    sessionId: l.sessionId ?? "",
  });
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [imageError, setImageError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const save = usePatchLesson(props.course.id);
  const remove = useDeleteLesson(props.course.id);
  const reorder = useReorder(props.course.id);
  const qc = useQueryClient();
  const err = save.error instanceof ApiError ? save.error : undefined;
  const fieldError = (name: string) => (err?.field === name ? err.message : undefined);

  function patch(): LessonPatch {
    const p: LessonPatch = { title: f.title, required: f.required, bodyMd: f.bodyMd };
    if (l.kind === "video")
      Object.assign(p, {
        videoEmbedUrl: f.videoEmbedUrl.trim() || null,
        captionsVtt: f.captionsVtt || null,
        transcript: f.transcript || null,
      });
    if (l.kind === "link")
      Object.assign(p, { linkKind: f.linkKind, linkTargetId: f.linkTargetId.trim() || null });
    if (l.kind === "quiz")
      Object.assign(p, {
        passPercent: Number(f.passPercent),
        attemptLimit: typeof f.attemptLimit === "number" ? f.attemptLimit : null,
        shuffleQuestions: f.shuffleQuestions,
        shuffleChoices: f.shuffleChoices,
      });
    if (l.kind === "session") p.sessionId = f.sessionId.trim() || null;
    return p;
  }

  /** Moves the lesson to the end of another module: the whole order, as the server wants it. */
  function moveTo(moduleId: string) {
    const modules = props.course.modules.map((m) => ({
      id: m.id,
      lessons: m.lessons.map((x) => x.id).filter((id) => id !== l.id),
    }));
    modules.find((m) => m.id === moduleId)?.lessons.push(l.id);
    reorder.mutate({ modules });
  }

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("academyAdmin.lesson.close") }}
      opened
      onClose={props.onClose}
      title={t("academyAdmin.lesson.title")}
      size="lg"
    >
      <Stack gap="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ id: l.id, patch: patch() }, { onSuccess: props.onClose });
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t("academyAdmin.editor.lessonTitle")}
              value={f.title}
              onChange={(e) => set({ title: e.currentTarget.value })}
              error={fieldError("title")}
              required
            />
            <Select
              label={t("academyAdmin.lesson.moveTo")}
              data={props.course.modules.map((m) => ({ value: m.id, label: m.title }))}
              value={l.moduleId}
              onChange={(v) => v && v !== l.moduleId && moveTo(v)}
              allowDeselect={false}
            />
            <Checkbox
              label={t("academyAdmin.lesson.required")}
              checked={f.required}
              onChange={(e) => set({ required: e.currentTarget.checked })}
            />
            <Textarea
              label={l.kind === "text" ? t("academyAdmin.lesson.body") : t("academyAdmin.lesson.lead")}
              value={f.bodyMd}
              onChange={(e) => set({ bodyMd: e.currentTarget.value })}
              autosize
              minRows={l.kind === "text" ? 6 : 2}
              maxRows={16}
              error={fieldError("bodyMd")}
            />
            <FileInput
              label={t("academyAdmin.lesson.insertImage")}
              description={t("academyAdmin.lesson.insertImageHint")}
              accept="image/png,image/jpeg,image/gif,image/webp"
              error={imageError}
              value={null}
              onChange={async (file) => {
                if (!file) return;
                setImageError(null);
                try {
                  const up = (await uploadFile(
                    `/api/v1/academy/courses/${props.course.id}/images`,
                    file,
                  )) as {
                    markdown: string;
                  };
                  set({
                    bodyMd: `${f.bodyMd}${f.bodyMd && !f.bodyMd.endsWith("\n") ? "\n\n" : ""}${up.markdown}\n`,
                  });
                } catch (e) {
                  setImageError((e as Error).message);
                }
              }}
            />
            {l.kind === "video" && (
              <>
                <TextInput
                  label={t("academyAdmin.lesson.embedUrl")}
                  value={f.videoEmbedUrl}
                  onChange={(e) => set({ videoEmbedUrl: e.currentTarget.value })}
                  error={fieldError("videoEmbedUrl")}
                />
                <FileInput
                  label={t("academyAdmin.lesson.upload")}
                  accept="video/mp4,video/webm,video/ogg"
                  error={uploadError}
                  disabled={uploading}
                  description={
                    uploading
                      ? t("academyAdmin.lesson.uploading")
                      : l.videoUrl
                        ? t("academyAdmin.lesson.uploaded", {
                            size: ((l.videoBytes ?? 0) / 1048576).toFixed(1),
                            mime: l.videoMime,
                          })
                        : undefined
                  }
                  onChange={async (file) => {
                    if (!file) return;
                    setUploadError(null);
                    setUploading(true);
                    try {
                      await uploadFile(`/api/v1/academy/lessons/${l.id}/video`, file);
                      await qc.invalidateQueries({ queryKey: academyKey });
                    } catch (e) {
                      setUploadError((e as Error).message);
                    } finally {
                      setUploading(false);
                    }
                  }}
                />
                {l.videoUrl && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    w="fit-content"
                    onClick={async () => {
                      await api(`/api/v1/academy/lessons/${l.id}/video`, { method: "DELETE" });
                      await qc.invalidateQueries({ queryKey: academyKey });
                    }}
                  >
                    {t("academyAdmin.lesson.removeVideo")}
                  </Button>
                )}
                <Textarea
                  label={t("academyAdmin.lesson.captions")}
                  value={f.captionsVtt}
                  onChange={(e) => set({ captionsVtt: e.currentTarget.value })}
                  autosize
                  minRows={2}
                  maxRows={8}
                  error={fieldError("captionsVtt")}
                  styles={{ input: { fontFamily: "monospace" } }}
                />
                <Textarea
                  label={t("academyAdmin.lesson.transcript")}
                  value={f.transcript}
                  onChange={(e) => set({ transcript: e.currentTarget.value })}
                  autosize
                  minRows={2}
                  maxRows={8}
                />
              </>
            )}
            {l.kind === "link" && (
              <Group grow>
                <Select
                  label={t("academyAdmin.lesson.linkKind")}
                  data={[
                    { value: "article", label: t("academyAdmin.lesson.article") },
                    { value: "playbook", label: t("academyAdmin.lesson.playbook") },
                  ]}
                  value={f.linkKind}
                  onChange={(v) => v && set({ linkKind: v as "article" | "playbook" })}
                  allowDeselect={false}
                />
                <TextInput
                  label={t("academyAdmin.lesson.linkTarget")}
                  value={f.linkTargetId}
                  onChange={(e) => set({ linkTargetId: e.currentTarget.value })}
                  error={fieldError("linkTargetId")}
                />
              </Group>
            )}
            {l.kind === "quiz" && (
              <>
                <Group grow>
                  <NumberInput
                    hideControls
                    label={t("academyAdmin.lesson.passPercent")}
                    value={f.passPercent}
                    onChange={(v) => set({ passPercent: Number(v) })}
                    min={0}
                    max={100}
                    error={fieldError("passPercent")}
                  />
                  <NumberInput
                    hideControls
                    label={t("academyAdmin.lesson.attemptLimit")}
                    value={f.attemptLimit}
                    onChange={(v) => set({ attemptLimit: v })}
                    min={1}
                    max={100}
                    error={fieldError("attemptLimit")}
                  />
                </Group>
                <Group>
                  <Checkbox
                    label={t("academyAdmin.lesson.shuffleQuestions")}
                    checked={f.shuffleQuestions}
                    onChange={(e) => set({ shuffleQuestions: e.currentTarget.checked })}
                  />
                  <Checkbox
                    label={t("academyAdmin.lesson.shuffleChoices")}
                    checked={f.shuffleChoices}
                    onChange={(e) => set({ shuffleChoices: e.currentTarget.checked })}
                  />
                </Group>
              </>
            )}
            {l.kind === "session" && (
              <TextInput
                label={t("academyAdmin.lesson.sessionId")}
                value={f.sessionId}
                onChange={(e) => set({ sessionId: e.currentTarget.value })}
                error={fieldError("sessionId")}
              />
            )}
            {err &&
              ![
                "title",
                "bodyMd",
                "videoEmbedUrl",
                "captionsVtt",
                "linkTargetId",
                "passPercent",
                "attemptLimit",
                "sessionId",
              ].includes(err.field ?? "") && (
                <Text c="red" size="sm" role="alert">
                  {err.message}
                </Text>
              )}
            <Group justify="space-between">
              <Button type="submit" loading={save.isPending}>
                {t("academyAdmin.lesson.save")}
              </Button>
              <Button
                variant="subtle"
                color="red"
                onClick={() => remove.mutate(l.id, { onSuccess: props.onClose })}
              >
                {t("academyAdmin.lesson.delete")}
              </Button>
            </Group>
          </Stack>
        </form>
        {l.kind === "quiz" && <QuestionEditor courseId={props.course.id} lessonId={l.id} />}
      </Stack>
    </Modal>
  );
}
