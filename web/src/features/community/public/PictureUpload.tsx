import { Button, FileButton, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useExtrasText } from "./extrasText.ts";

const ACCEPT = "image/png,image/jpeg,image/gif,image/webp";

/**
 * "Add a picture" for the composers: uploads the chosen file (multipart, field "file") to
 * POST /api/v1/community/uploads and hands the returned `![name](url)` to `onInsert`, which
 * adds it to the body. The server decides what is allowed (trust level, type from the bytes,
 * 5 MB); its message is shown as it is. Rendered only after hydration, like the composers.
 */
export function PictureUpload({ onInsert }: { onInsert: (markdown: string) => void }) {
  const { t } = useExtrasText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      const res = await fetch("/api/v1/community/uploads", {
        method: "POST",
        credentials: "same-origin",
        body: form,
      });
      const json = (await res.json().catch(() => null)) as {
        markdown?: string;
        error?: { message?: string };
      } | null;
      if (!res.ok || !json?.markdown) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
      onInsert(json.markdown);
    } catch (err) {
      setError(t("communityPublic.picture.failed", { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" align="center">
      <FileButton onChange={upload} accept={ACCEPT}>
        {(props) => (
          <Button {...props} variant="default" size="xs" loading={busy} aria-describedby="cm-picture-hint">
            {t("communityPublic.picture.add")}
          </Button>
        )}
      </FileButton>
      <Text size="xs" c="dimmed" id="cm-picture-hint">
        {busy ? t("communityPublic.picture.uploading") : t("communityPublic.picture.hint")}
      </Text>
      {error && (
        <Text role="alert" size="sm" c="red.8" w="100%">
          {error}
        </Text>
      )}
    </Group>
  );
}

/** Appends a picture's markdown to a body, on a paragraph of its own. */
export const withPicture = (body: string, markdown: string) =>
  `${body}${body.trim() ? (body.endsWith("\n\n") ? "" : body.endsWith("\n") ? "\n" : "\n\n") : ""}${markdown}\n`;
