import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconGripVertical } from "@tabler/icons-react";
import { type ReactNode, useEffect, useState } from "react";
import type { Course, CourseOrder } from "../../../../contracts/academy-courses.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { useReorder } from "./academyApi.ts";
import { AddLessonForm, ModuleHeader } from "./ModuleParts.tsx";

type Order = CourseOrder["modules"];
const orderOf = (course: Course): Order =>
  course.modules.map((m) => ({ id: m.id, lessons: m.lessons.map((l) => l.id) }));

/**
 * Modules and their lessons, reordered by drag and drop (pointer or keyboard: Space picks a
 * handle up, arrows move it, Space drops). Each drop sends the whole nested order, which the
 * server applies at once; moving a lesson to another module is done from the lesson editor.
 */
export function CourseOutline(props: { course: Course; onEditLesson: (id: string) => void }) {
  const { t } = useAcademyAdminText();
  const reorder = useReorder(props.course.id);
  const [order, setOrder] = useState<Order>(() => orderOf(props.course));
  useEffect(() => setOrder(orderOf(props.course)), [props.course]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const lessons = new Map(props.course.modules.flatMap((m) => m.lessons).map((l) => [l.id, l]));
  const modules = new Map(props.course.modules.map((m) => [m.id, m]));

  function commit(next: Order) {
    setOrder(next);
    reorder.mutate({ modules: next });
  }
  function moveModule(e: DragEndEvent) {
    if (!e.over || e.active.id === e.over.id) return;
    const from = order.findIndex((m) => m.id === e.active.id);
    const to = order.findIndex((m) => m.id === e.over?.id);
    if (from >= 0 && to >= 0) commit(arrayMove(order, from, to));
  }
  const moveLesson = (moduleId: string) => (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    commit(
      order.map((m) => {
        if (m.id !== moduleId) return m;
        const from = m.lessons.indexOf(String(e.active.id));
        const to = m.lessons.indexOf(String(e.over?.id));
        return from >= 0 && to >= 0 ? { ...m, lessons: arrayMove(m.lessons, from, to) } : m;
      }),
    );
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" id="academy-outline-help">
        {t("academyAdmin.editor.outlineHelp")}
      </Text>
      {reorder.error && (
        <Text c="red" size="sm" role="alert">
          {t("academyAdmin.editor.failed", { message: reorder.error.message })}
        </Text>
      )}
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={moveModule}>
        <SortableContext items={order.map((m) => m.id)} strategy={verticalListSortingStrategy}>
          {order.map((m, i) => {
            const mod = modules.get(m.id);
            if (!mod) return null;
            return (
              <SortableItem
                key={m.id}
                id={m.id}
                label={t("academyAdmin.editor.dragModule", { title: mod.title })}
              >
                <Paper
                  withBorder
                  p="sm"
                  radius="md"
                  style={{ flex: 1 }}
                  aria-label={mod.title}
                  component="section"
                >
                  <ModuleHeader courseId={props.course.id} id={mod.id} title={mod.title} index={i} />
                  <DndContext
                    sensors={sensors}
                    collisionDetection={closestCenter}
                    onDragEnd={moveLesson(m.id)}
                  >
                    <SortableContext items={m.lessons} strategy={verticalListSortingStrategy}>
                      <Stack gap={4} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                        {m.lessons.length === 0 && (
                          <Text size="sm" c="dimmed" component="li">
                            {t("academyAdmin.editor.noLessons")}
                          </Text>
                        )}
                        {m.lessons.map((id) => {
                          const l = lessons.get(id);
                          if (!l) return null;
                          return (
                            <SortableItem
                              key={id}
                              id={id}
                              label={t("academyAdmin.editor.dragLesson", { title: l.title })}
                              as="li"
                            >
                              <Group justify="space-between" style={{ flex: 1 }} wrap="nowrap">
                                <Group gap="xs" wrap="nowrap">
                                  <Text size="sm" fw={500}>
                                    {l.title}
                                  </Text>
                                  <Badge variant="light" size="sm">
                                    {t(`academyAdmin.kinds.${l.kind}`)}
                                  </Badge>
                                  {!l.required && (
                                    <Badge variant="outline" color="gray" size="sm">
                                      {t("academyAdmin.editor.optional")}
                                    </Badge>
                                  )}
                                </Group>
                                <Button
                                  size="compact-sm"
                                  variant="subtle"
                                  aria-label={`${t("academyAdmin.editor.editLesson")} ${l.title}`}
                                  onClick={() => props.onEditLesson(l.id)}
                                >
                                  {t("academyAdmin.editor.editLesson")}
                                </Button>
                              </Group>
                            </SortableItem>
                          );
                        })}
                      </Stack>
                    </SortableContext>
                  </DndContext>
                  <AddLessonForm courseId={props.course.id} moduleId={mod.id} />
                </Paper>
              </SortableItem>
            );
          })}
        </SortableContext>
      </DndContext>
    </Stack>
  );
}

/** A row with a drag handle: the handle alone starts a drag, so inputs inside stay usable. */
function SortableItem(props: { id: string; label: string; children: ReactNode; as?: "li" | "div" }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: props.id,
  });
  const Tag = props.as ?? "div";
  return (
    <Tag
      ref={setNodeRef as never}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.7 : 1,
        display: "flex",
        gap: 8,
        alignItems: "flex-start",
      }}
    >
      <ActionIcon
        variant="subtle"
        color="gray"
        {...attributes}
        aria-label={props.label}
        {...listeners}
        style={{ cursor: "grab", marginTop: 4 }}
      >
        <IconGripVertical size={16} aria-hidden />
      </ActionIcon>
      {props.children}
    </Tag>
  );
}

export function OutlineTitle() {
  const { t } = useAcademyAdminText();
  return (
    <Title order={2} size="h4">
      {t("academyAdmin.editor.outline")}
    </Title>
  );
}
