import { Button, Checkbox, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconGift, IconX } from "@tabler/icons-react";
import { useEffect, useId, useState } from "react";
import { useCase } from "../cases/casesApi.ts";
import type { OfferExtra } from "./offerSlot.tsx";
import { useRetentionText } from "./retentionText.ts";

/**
 * "Solve the case with this reply" and "Attach offer". An offer is allowed only on a solved
 * case or a reply that solves it (the server refuses it otherwise with 409), so the button
 * stays disabled, with the reason beside it, until one of those holds.
 */
export function OfferControl(props: { caseId: string; onChange: (extra: OfferExtra) => void }) {
  const { t } = useRetentionText();
  const status = useCase(props.caseId).data?.status;
  const solvedAlready = status === "solved" || status === "closed";
  const [solve, setSolve] = useState(false);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const hintId = useId();
  const allowed = solvedAlready || solve;
  const { onChange } = props;

  useEffect(() => {
    const extra: OfferExtra = {};
    if (solve && !solvedAlready) extra.status = "solved";
    if (open && allowed && (title.trim() || url.trim()))
      extra.offer = { title: title.trim(), url: url.trim() };
    onChange(extra);
  }, [solve, solvedAlready, open, allowed, title, url, onChange]);

  return (
    <Stack gap={6}>
      <Group gap="md" wrap="wrap">
        {!solvedAlready && (
          <Checkbox
            label={t("offer.solve")}
            checked={solve}
            onChange={(e) => setSolve(e.currentTarget.checked)}
          />
        )}
        {!open && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconGift size={16} aria-hidden />}
            disabled={!allowed}
            aria-describedby={allowed ? undefined : hintId}
            onClick={() => setOpen(true)}
          >
            {t("offer.attach")}
          </Button>
        )}
        {!allowed && (
          <Text id={hintId} size="xs" c="dimmed">
            {t("offer.disabledHint")}
          </Text>
        )}
      </Group>
      {open && allowed && (
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t("offer.title")}
            value={title}
            maxLength={120}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <TextInput
            label={t("offer.url")}
            description={t("offer.urlHint")}
            type="url"
            placeholder="https://"
            value={url}
            maxLength={2000}
            onChange={(e) => setUrl(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            leftSection={<IconX size={14} aria-hidden />}
            onClick={() => {
              setOpen(false);
              setTitle("");
              setUrl("");
            }}
          >
            {t("offer.remove")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
