import { Alert, Button, CopyButton, Group, Loader, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCheck, IconCopy, IconFileSearch, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { useSnapshot } from "./diagnosticsApi.ts";
import { formatSeconds } from "./paths.ts";
import { SnapshotTree } from "./SnapshotTree.tsx";

/**
 * The whole snapshot, as stored (secrets already "[masked]" by the server): a tree to fold,
 * a search that keeps only matching keys and values, and the JSON to copy into a bug report.
 */
export function SnapshotViewer(props: { snapshotId: string }) {
  const { t, i18n } = useTranslation();
  const snap = useSnapshot(props.snapshotId);
  const [query, setQuery] = useState("");
  if (snap.isPending)
    return (
      <Text size="sm" c="dimmed" role="status">
        <Loader size="xs" mr={6} aria-hidden />
        {t("diagnostics.viewer.loading")}
      </Text>
    );
  if (snap.isError)
    return (
      <Alert color="red" role="alert">
        {snap.error instanceof ApiError ? snap.error.message : t("diagnostics.loadError")}
      </Alert>
    );
  const s = snap.data;
  const q = query.trim().toLowerCase();
  const label = t("diagnostics.viewer.treeLabel", { time: formatSeconds(s.capturedAt, i18n.language) });
  return (
    <Stack gap="sm" data-testid="snapshot-viewer" data-snapshot-id={s.id}>
      <Text size="sm" c="dimmed">
        {s.summary}
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label={t("diagnostics.viewer.search")}
          placeholder={t("diagnostics.viewer.searchPlaceholder")}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
        <CopyButton value={JSON.stringify(s.data, null, 2)}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              color={copied ? "teal" : undefined}
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? t("diagnostics.viewer.copied") : t("diagnostics.viewer.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      {s.maskedPaths.length > 0 && (
        <Text size="xs" c="dimmed">
          {t("diagnostics.viewer.maskedNote", { count: s.maskedPaths.length })}
        </Text>
      )}
      <SnapshotTree data={s.data} query={q} label={label} />
      {q && <NoMatch data={s.data} query={q} />}
    </Stack>
  );
}

function NoMatch(props: { data: Record<string, unknown>; query: string }) {
  const { t } = useTranslation();
  if (JSON.stringify(props.data).toLowerCase().includes(props.query)) return null;
  return (
    <Text size="sm" c="dimmed" role="status">
      {t("diagnostics.viewer.noMatch")}
    </Text>
  );
}

/** "View snapshot": the whole snapshot in a dialog, from any list that shows one. */
export function SnapshotButton(props: { snapshotId: string; size?: "xs" | "compact-xs" | "compact-sm" }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        size={props.size ?? "compact-xs"}
        variant="subtle"
        leftSection={<IconFileSearch size={14} aria-hidden />}
        onClick={open}
      >
        {t("diagnostics.viewer.open")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        size="lg"
        title={t("diagnostics.viewer.title")}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        {opened && <SnapshotViewer snapshotId={props.snapshotId} />}
      </Modal>
    </>
  );
}
