import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { Path } from "../../../../contracts/academy-report.ts";
import { useAcademyPathsText } from "./academyPathsText.ts";
import { PathEditor } from "./PathEditor.tsx";
import { changePath, usePathMutation, usePaths } from "./pathsApi.ts";

const STATE_COLOR = { draft: "gray", published: "teal", archived: "orange" } as const;

/** Learning paths (issue #21): staff list, create, order, publish and archive them. */
export function PathsPage() {
  const { t } = useAcademyPathsText();
  const paths = usePaths();
  const [editing, setEditing] = useState<Path | "new" | null>(null);
  const change = usePathMutation(changePath);
  return (
    <Stack p="md" gap="lg" maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{t("academyPaths.title")}</Title>
        <Anchor component={Link} to="/app/academy/report">
          {t("academyPaths.report")}
        </Anchor>
      </Group>
      <Text c="dimmed">{t("academyPaths.intro")}</Text>
      {editing === null ? (
        <Group>
          <Button onClick={() => setEditing("new")}>{t("academyPaths.newPath")}</Button>
        </Group>
      ) : (
        <PathEditor
          key={editing === "new" ? "new" : editing.id}
          path={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {paths.isPending && <Loader size="sm" />}
      {paths.isError && (
        <Alert color="red">{t("academyPaths.loadError", { message: paths.error.message })}</Alert>
      )}
      {change.isError && <Alert color="red">{change.error.message}</Alert>}
      {paths.data && paths.data.items.length === 0 && <Text>{t("academyPaths.empty")}</Text>}
      {paths.data && paths.data.items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("academyPaths.columns.title")}</Table.Th>
              <Table.Th scope="col">{t("academyPaths.columns.state")}</Table.Th>
              <Table.Th scope="col">{t("academyPaths.columns.courses")}</Table.Th>
              <Table.Th scope="col">{t("academyPaths.columns.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paths.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row">{p.title}</Table.Th>
                <Table.Td>
                  <Badge variant="light" color={STATE_COLOR[p.state]}>
                    {t(`academyPaths.states.${p.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t("academyPaths.courseCount", { count: p.courses.length })}</Text>
                  <Text size="xs" c="dimmed">
                    {p.courses.map((c) => c.title).join(" → ")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                      {t("academyPaths.edit")}
                    </Button>
                    {p.state !== "published" && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => change.mutate({ id: p.id, action: "publish" })}
                      >
                        {t("academyPaths.publish")}
                      </Button>
                    )}
                    {p.state === "published" && (
                      <Button
                        size="xs"
                        variant="light"
                        color="orange"
                        onClick={() => change.mutate({ id: p.id, action: "archive" })}
                      >
                        {t("academyPaths.archive")}
                      </Button>
                    )}
                    {p.state === "draft" && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => change.mutate({ id: p.id, action: "delete" })}
                      >
                        {t("academyPaths.delete")}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
