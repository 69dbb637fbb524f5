import { Button, Group } from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";

/**
 * The compact "Edit" / "Delete" pair at the end of a card's header (teams, snippets). The
 * accessible labels name the thing, since a page shows many such pairs.
 */
export function EditDeleteButtons(props: {
  edit: { text: string; label: string; onClick: () => void };
  remove: { text: string; label: string; onClick: () => void };
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<IconPencil size={14} aria-hidden />}
        aria-label={props.edit.label}
        onClick={props.edit.onClick}
      >
        {props.edit.text}
      </Button>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={14} aria-hidden />}
        aria-label={props.remove.label}
        onClick={props.remove.onClick}
      >
        {props.remove.text}
      </Button>
    </Group>
  );
}
