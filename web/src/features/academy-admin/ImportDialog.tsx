import { Alert, Button, FileInput, Group, Modal, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { academyKey, importCourseFile } from "./academyApi.ts";

/** Import a course file (JSON or YAML) as a new draft; a fault names its place in the file. */
export function ImportDialog(props: { opened: boolean; onClose: () => void }) {
  const { t } = useAcademyAdminText();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const qc = useQueryClient();

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const course = await importCourseFile(file);
      await qc.invalidateQueries({ queryKey: academyKey });
      props.onClose();
      navigate(`/app/academy/courses/${course.id}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("academyAdmin.lesson.close") }}
      opened={props.opened}
      onClose={props.onClose}
      title={t("academyAdmin.importDialog.title")}
    >
      <Stack>
        <Text size="sm">{t("academyAdmin.importDialog.help")}</Text>
        <FileInput
          label={t("academyAdmin.importDialog.file")}
          accept=".json,.yaml,.yml,application/json,application/yaml"
          value={file}
          onChange={setFile}
          clearable
        />
        {error && (
          <Alert color="red" role="alert">
            {t("academyAdmin.importDialog.failed", { message: error.message })}
            {error instanceof ApiError && error.field && (
              <Text size="sm" ff="monospace">
                {t("academyAdmin.importDialog.at", { field: error.field })}
              </Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={submit} loading={busy} disabled={!file}>
            {t("academyAdmin.importDialog.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
