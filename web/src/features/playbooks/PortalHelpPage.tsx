import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useRequest } from "../portal/portalApi.ts";
import { usePortalGuide, useRun, useStartPortalRun } from "./playbooksApi.ts";
import { RunView } from "./RunView.tsx";

function OpenedCase(props: { caseId: string }) {
  const { t } = useTranslation();
  const found = useRequest(props.caseId);
  if (!found.data) return null;
  return (
    <Alert color="blue" role="status">
      <Stack gap="xs">
        <Text>{t("runs.portalCaseOpened", { number: found.data.number })}</Text>
        <Anchor component={Link} to={`/portal/requests/${props.caseId}`}>
          {t("runs.portalCaseLink")}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/** A customer works through a published help guide alone: /portal/help/<slug>. */
export function PortalHelpPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation();
  const guide = usePortalGuide(slug);
  const start = useStartPortalRun(slug);
  // The run lives in the address, so a reload (or the back button) returns to the open run.
  const [search, setSearch] = useSearchParams();
  const runId = search.get("run");
  const setRunId = (id: string) => setSearch({ run: id }, { replace: true });
  const run = useRun(runId ?? undefined);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/portal" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("portal.back")}
        </Group>
      </Anchor>
      {guide.isPending ? (
        <Skeleton h={200} radius="lg" />
      ) : !guide.data ? (
        <Alert color="red" role="alert">
          {t("runs.portalNotFound")}
        </Alert>
      ) : (
        <>
          <Stack gap={4}>
            <PageTitle>{guide.data.name}</PageTitle>
            {guide.data.summary && <Text c="dimmed">{guide.data.summary}</Text>}
          </Stack>
          <Paper withBorder radius="lg" p="lg">
            {runId ? (
              <RunView runId={runId} audience="customer" />
            ) : (
              <Stack gap="md">
                <Text>{t("runs.portalIntro")}</Text>
                <Group>
                  <Button
                    size="md"
                    loading={start.isPending}
                    onClick={() => start.mutate(undefined, { onSuccess: (r) => setRunId(r.id) })}
                  >
                    {t("runs.portalStart")}
                  </Button>
                </Group>
                {start.error && (
                  <Alert color="red" role="alert">
                    {start.error instanceof ApiError ? start.error.message : t("common.genericError")}
                  </Alert>
                )}
              </Stack>
            )}
          </Paper>
          {run.data?.caseId && <OpenedCase caseId={run.data.caseId} />}
        </>
      )}
    </Stack>
  );
}
