import { ActionIcon, Button, Group, Modal, Table, Text, Tooltip } from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";

/**
 * The frame of the admin screens that keep a list of things (actions, community categories,
 * feedback boards): a table with an edit and a delete button on each row, the server's
 * refusal shown by the list, and an editor dialog whose footer shows a refusal no field
 * claims. Each screen brings its columns, its words and its form.
 */
export type AdminColumn<T> = {
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** Numbers line up on the right. */
  align?: "right";
  wrap?: "anywhere";
};

export function AdminTable<T extends { id: string }>(props: {
  label: string;
  minWidth: number;
  items: T[];
  empty: string;
  columns: AdminColumn<T>[];
  /** The header of the edit/delete column (visually hidden on most screens). */
  manageHeader: ReactNode;
  rowAttributes?: (item: T) => Record<`data-${string}`, string>;
  editLabel: (item: T) => string;
  onEdit: (item: T) => void;
  deleteLabel: (item: T) => string;
  onDelete: (item: T) => void;
  deleting?: (item: T) => boolean;
  /** Short names shown on hover over the buttons. */
  tooltips?: { edit: string; delete: string };
}) {
  if (props.items.length === 0) return <Text c="dimmed">{props.empty}</Text>;
  const withTip = (tip: string | undefined, button: ReactNode) =>
    tip ? <Tooltip label={tip}>{button}</Tooltip> : button;
  return (
    <Table.ScrollContainer minWidth={props.minWidth}>
      <Table aria-label={props.label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {props.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a screen
              <Table.Th key={i} scope="col" ta={c.align}>
                {c.header}
              </Table.Th>
            ))}
            <Table.Th scope="col">{props.manageHeader}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((item) => (
            <Table.Tr key={item.id} {...props.rowAttributes?.(item)}>
              {props.columns.map((c, i) => (
                <Table.Td
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a screen
                  key={i}
                  ta={c.align}
                  style={c.wrap ? { overflowWrap: c.wrap } : undefined}
                >
                  {c.cell(item)}
                </Table.Td>
              ))}
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  {withTip(
                    props.tooltips?.edit,
                    <ActionIcon
                      variant="subtle"
                      aria-label={props.editLabel(item)}
                      onClick={() => props.onEdit(item)}
                    >
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>,
                  )}
                  {withTip(
                    props.tooltips?.delete,
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={props.deleteLabel(item)}
                      loading={props.deleting?.(item) ?? false}
                      onClick={() => props.onDelete(item)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>,
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A refusal from the server (a delete the server turned down, a form's error), read out as it appears. */
export function ErrorText(props: { children: ReactNode }) {
  return props.children ? (
    <Text size="sm" c="var(--mantine-color-error)" role="alert">
      {props.children}
    </Text>
  ) : null;
}

/** The dialog an item is created or changed in; the close button is named in the screen's language. */
export function EditorModal(props: {
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.title}
      closeButtonProps={{ "aria-label": props.closeLabel }}
    >
      {props.children}
    </Modal>
  );
}

/** The editor's last lines: the error no field claims, then cancel and save. */
export function EditorFooter(props: {
  error: string | null | undefined;
  cancel: string;
  onCancel: () => void;
  submit: string;
  busy: boolean;
}) {
  return (
    <>
      <ErrorText>{props.error}</ErrorText>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={props.onCancel}>
          {props.cancel}
        </Button>
        <Button type="submit" loading={props.busy}>
          {props.submit}
        </Button>
      </Group>
    </>
  );
}
