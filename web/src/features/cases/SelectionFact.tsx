import { Button, Paper } from "@mantine/core";
import { IconBookmarkPlus } from "@tabler/icons-react";
import { type RefObject, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type Spot = { text: string; top: number; left: number };

/**
 * Selecting text inside a message offers "Record as fact…" right there, pre-filled with the
 * selection: the address the customer just typed becomes a fact in two clicks.
 */
export function SelectionFact(props: {
  container: RefObject<HTMLElement | null>;
  onRecord: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [spot, setSpot] = useState<Spot | null>(null);

  useEffect(() => {
    const update = () => {
      const selection = document.getSelection();
      const text = selection?.toString().trim() ?? "";
      const root = props.container.current;
      if (!selection || !text || !root || selection.rangeCount === 0) return setSpot(null);
      const range = selection.getRangeAt(0);
      const node = range.commonAncestorContainer;
      const element = node instanceof Element ? node : node.parentElement;
      if (!element?.closest("[data-message-body]") || !root.contains(element)) return setSpot(null);
      const rect = range.getBoundingClientRect();
      const box = root.getBoundingClientRect();
      setSpot({ text: text.slice(0, 4000), top: rect.bottom - box.top + 6, left: rect.left - box.left });
    };
    // mouseup/keyup rather than selectionchange: the button appears once the selection is made.
    document.addEventListener("mouseup", update);
    document.addEventListener("keyup", update);
    return () => {
      document.removeEventListener("mouseup", update);
      document.removeEventListener("keyup", update);
    };
  }, [props.container]);

  if (!spot) return null;
  return (
    <Paper
      shadow="md"
      radius="md"
      p={4}
      withBorder
      pos="absolute"
      top={spot.top}
      left={spot.left}
      style={{ zIndex: 10 }}
    >
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconBookmarkPlus size={14} aria-hidden />}
        // Keep the selection while clicking: mousedown would otherwise clear it first.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          props.onRecord(spot.text);
          setSpot(null);
        }}
      >
        {t("customers.recordAsFact")}
      </Button>
    </Paper>
  );
}
