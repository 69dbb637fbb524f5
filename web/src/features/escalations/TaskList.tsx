import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { CaseTask } from "../../../../contracts/escalations.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useCompleteTask } from "./escalationsApi.ts";
import { notifyDone } from "./notify.ts";

/** Tasks on a case; agents (canComplete) mark open ones done, which records who and when. */
export function TaskList(props: { caseId: string; tasks: CaseTask[]; canComplete: boolean; label: string }) {
  const { t, i18n } = useTranslation();
  const complete = useCompleteTask(props.caseId);
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label={props.label}
      style={{ listStyle: "none", padding: 0, margin: 0 }}
    >
      {props.tasks.map((task) => (
        <li key={task.id} data-task-id={task.id} data-task-status={task.status}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={600} td={task.status === "done" ? "line-through" : undefined}>
                {task.title}
              </Text>
              {task.detail && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                  {task.detail}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {task.createdBy.name} · {formatDateTime(task.createdAt, i18n.language)}
              </Text>
              {task.status === "done" && task.doneBy && task.doneAt && (
                <Text size="xs" c="teal.9">
                  {t("escalations.taskDone", {
                    name: task.doneBy.name,
                    time: formatDateTime(task.doneAt, i18n.language),
                  })}
                </Text>
              )}
            </Stack>
            {task.status === "open" &&
              (props.canComplete ? (
                <Button
                  size="xs"
                  variant="light"
                  // The text column gives way, never the action (it was cut to "Mark d…").
                  style={{ flexShrink: 0 }}
                  leftSection={<IconCheck size={14} aria-hidden />}
                  loading={complete.isPending && complete.variables === task.id}
                  onClick={() =>
                    complete.mutate(task.id, { onSuccess: () => notifyDone(t, t("escalations.markedDone")) })
                  }
                  aria-label={`${t("escalations.markDone")}: ${task.title}`}
                >
                  {t("escalations.markDone")}
                </Button>
              ) : (
                <Badge color="grape" variant="light" style={{ flexShrink: 0 }}>
                  {t("escalations.taskOpen")}
                </Badge>
              ))}
          </Group>
        </li>
      ))}
    </Stack>
  );
}
