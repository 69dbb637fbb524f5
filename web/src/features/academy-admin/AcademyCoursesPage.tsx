import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconFileImport, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { CourseState } from "../../../../contracts/academy-courses.ts";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { useCourses, useCreateCourse } from "./academyApi.ts";
import { ImportDialog } from "./ImportDialog.tsx";

export const STATE_COLOR: Record<CourseState, string> = {
  draft: "gray",
  published: "teal",
  archived: "orange",
};

/** The academy for authors: every course with its state, level and lesson count. */
export function AcademyCoursesPage() {
  const { t, i18n } = useAcademyAdminText();
  const courses = useCourses();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const items = courses.data?.items ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <PageTitle>{t("academyAdmin.title")}</PageTitle>
        <Group gap="sm">
          <Button variant="subtle" component={Link} to="/app/academy/sessions">
            {t("academyAdmin.sessions")}
          </Button>
          <Button variant="subtle" component={Link} to="/app/academy/paths">
            {t("academyAdmin.paths")}
          </Button>
          <Button variant="subtle" component={Link} to="/app/academy/report">
            {t("academyAdmin.report")}
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileImport size={16} aria-hidden />}
            onClick={() => setImporting(true)}
          >
            {t("academyAdmin.import")}
          </Button>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t("academyAdmin.newCourse")}
          </Button>
        </Group>
      </Group>
      <Text c="dimmed">{t("academyAdmin.intro")}</Text>
      {courses.isPending && <Loader size="sm" />}
      {courses.error && (
        <Alert color="red">{t("academyAdmin.loadError", { message: courses.error.message })}</Alert>
      )}
      {courses.data && items.length === 0 && <Text c="dimmed">{t("academyAdmin.empty")}</Text>}
      {items.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("academyAdmin.columns.title")}</Table.Th>
              <Table.Th>{t("academyAdmin.columns.state")}</Table.Th>
              <Table.Th>{t("academyAdmin.columns.level")}</Table.Th>
              <Table.Th>{t("academyAdmin.columns.lessons")}</Table.Th>
              <Table.Th>{t("academyAdmin.columns.updated")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/app/academy/courses/${c.id}`}>
                    {c.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[c.state]} variant="light">
                    {t(`academyAdmin.states.${c.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`academyAdmin.levels.${c.level}`)}</Table.Td>
                <Table.Td>{c.lessonCount}</Table.Td>
                <Table.Td>{formatDateTime(c.updatedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewCourseDialog opened={creating} onClose={() => setCreating(false)} />
      <ImportDialog opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

function NewCourseDialog(props: { opened: boolean; onClose: () => void }) {
  const { t } = useAcademyAdminText();
  const [title, setTitle] = useState("");
  const create = useCreateCourse();
  const navigate = useNavigate();
  const error = create.error instanceof ApiError ? create.error.message : undefined;
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("academyAdmin.lesson.close") }}
      opened={props.opened}
      onClose={props.onClose}
      title={t("academyAdmin.create.title")}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(title, { onSuccess: (c) => navigate(`/app/academy/courses/${c.id}`) });
        }}
      >
        <Stack>
          <TextInput
            label={t("academyAdmin.create.name")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={error}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t("academyAdmin.create.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
