import { Alert, Button, Group, Paper, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconAlertCircle, IconChevronRight, IconMessages, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Case } from "../../../../contracts/cases.ts";
import { casePageSchema } from "../../../../contracts/cases.ts";
import { apiParsed } from "../../api/client.ts";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { formatDateTime } from "../../ui/formatDate.ts";
import { LoadMoreButton } from "../../ui/LoadMoreButton.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useLoadMore } from "../../ui/useLoadMore.ts";
import { PortalExportSlot } from "../privacy-export/slots.tsx";
import classes from "./portal.module.css";
import { useMyRequests } from "./portalApi.ts";
import { RequestStatusBadge } from "./RequestStatusBadge.tsx";
import { requestStatus } from "./requestStatus.ts";

function RequestRow(props: { request: Case }) {
  const { t, i18n } = useTranslation();
  const r = props.request;
  const yourTurn = requestStatus[r.status].key === "yourTurn";
  return (
    <li>
      <UnstyledButton
        component={Link}
        to={`/portal/requests/${r.id}`}
        className={classes.row}
        px="lg"
        py="md"
        style={{
          // A request waiting on the customer gets an accent stripe so it stands out in the list.
          borderLeft: `4px solid ${yourTurn ? "var(--mantine-color-grape-6)" : "transparent"}`,
        }}
      >
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600} truncate="end">
              {r.subject}
            </Text>
            <Text size="sm" c="dimmed">
              {t("portal.number", { number: r.number })} ·{" "}
              {t("portal.updated", { when: formatDateTime(r.lastActivityAt, i18n.language) })}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <RequestStatusBadge status={r.status} />
            <IconChevronRight size={18} aria-hidden color="var(--mantine-color-dimmed)" />
          </Group>
        </Group>
      </UnstyledButton>
    </li>
  );
}

/** The customer's own requests, newest activity first, each in plain words. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const requests = useMyRequests();
  // A customer with many requests pages through them (100 at a time) instead of losing the rest.
  const more = useLoadMore(requests.data, (cursor) =>
    apiParsed(casePageSchema, `/api/v1/cases?status=all&limit=100&cursor=${encodeURIComponent(cursor)}`),
  );
  const items = [...more.items].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <PageTitle>{t("portal.title")}</PageTitle>
          <Text c="dimmed">{t("portal.intro")}</Text>
        </Stack>
        <Button component={Link} to="/portal/requests/new" leftSection={<IconPlus size={18} aria-hidden />}>
          {t("portal.newRequest")}
        </Button>
      </Group>
      {requests.isError && (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {requests.error.message}
        </Alert>
      )}
      {requests.isPending && <Skeleton h={160} radius="lg" />}
      {requests.isSuccess && items.length === 0 && (
        <EmptyState
          icon={<IconMessages size={28} />}
          title={t("portal.emptyTitle")}
          body={t("portal.emptyBody")}
        />
      )}
      {items.length > 0 && (
        <Paper withBorder radius="lg" style={{ overflow: "hidden" }}>
          <Stack
            component="ul"
            gap={0}
            aria-label={t("portal.listLabel")}
            style={{ listStyle: "none", margin: 0, padding: 0 }}
            className={classes.list}
          >
            {items.map((r) => (
              <RequestRow key={r.id} request={r} />
            ))}
          </Stack>
        </Paper>
      )}
      <LoadMoreButton more={more} />
      <PortalExportSlot />
    </Stack>
  );
}
