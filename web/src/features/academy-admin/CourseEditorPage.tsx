import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Menu, Paper, Stack, Title } from "@mantine/core";
import { IconDownload, IconEye } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { CourseState } from "../../../../contracts/academy-courses.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { STATE_COLOR } from "./AcademyCoursesPage.tsx";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { exportUrl, useCourse, useDeleteCourse, usePatchCourse } from "./academyApi.ts";
import { CourseDetails } from "./CourseDetails.tsx";
import { CourseOutline, OutlineTitle } from "./CourseOutline.tsx";
import { LessonEditor } from "./LessonEditor.tsx";
import { AddModuleForm } from "./ModuleParts.tsx";

/** One course: its details, its modules and lessons (drag to reorder), publishing, preview and export. */
export function CourseEditorPage() {
  const { id = "" } = useParams();
  const { t } = useAcademyAdminText();
  const course = useCourse(id);
  const patch = usePatchCourse(id);
  const remove = useDeleteCourse(id);
  const navigate = useNavigate();
  const [editing, setEditing] = useState<string | null>(null);

  if (course.isPending) return <Loader size="sm" />;
  if (course.error) return <Alert color="red">{course.error.message}</Alert>;
  const c = course.data;
  const lesson = editing ? c.modules.flatMap((m) => m.lessons).find((l) => l.id === editing) : undefined;
  const setState = (state: CourseState) => patch.mutate({ state });

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/academy" size="sm">
        {t("academyAdmin.editor.back")}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <PageTitle>{c.title}</PageTitle>
          <Badge color={STATE_COLOR[c.state]} variant="light">
            {t(`academyAdmin.states.${c.state}`)}
          </Badge>
        </Group>
        <Group gap="sm">
          <Button
            variant="default"
            component={Link}
            to={`/app/academy/courses/${c.id}/preview`}
            leftSection={<IconEye size={16} aria-hidden />}
          >
            {t("academyAdmin.editor.preview")}
          </Button>
          <Menu>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
                {t("academyAdmin.editor.export")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={exportUrl(c.id, "json")} download>
                {t("academyAdmin.editor.exportJson")}
              </Menu.Item>
              <Menu.Item component="a" href={exportUrl(c.id, "yaml")} download>
                {t("academyAdmin.editor.exportYaml")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {c.state !== "published" && (
            <Button onClick={() => setState("published")} loading={patch.isPending}>
              {t("academyAdmin.editor.publish")}
            </Button>
          )}
          {c.state === "published" && (
            <Button variant="default" onClick={() => setState("archived")} loading={patch.isPending}>
              {t("academyAdmin.editor.archive")}
            </Button>
          )}
          {c.state !== "draft" && (
            <Button variant="subtle" onClick={() => setState("draft")}>
              {t("academyAdmin.editor.unpublish")}
            </Button>
          )}
        </Group>
      </Group>
      {patch.error && (
        <Alert color="red">{t("academyAdmin.editor.failed", { message: patch.error.message })}</Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="academy-details-title">
            <Title order={2} size="h4" mb="sm" id="academy-details-title">
              {t("academyAdmin.editor.details")}
            </Title>
            <CourseDetails key={c.id} course={c} />
            <Button
              mt="lg"
              variant="subtle"
              color="red"
              onClick={() => {
                if (window.confirm(t("academyAdmin.editor.deleteConfirm")))
                  remove.mutate(undefined, { onSuccess: () => navigate("/app/academy") });
              }}
            >
              {t("academyAdmin.editor.delete")}
            </Button>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <OutlineTitle />
            <CourseOutline course={c} onEditLesson={setEditing} />
            <AddModuleForm courseId={c.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      {lesson && (
        <LessonEditor
          key={lesson.id + lesson.moduleId}
          course={c}
          lesson={lesson}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
