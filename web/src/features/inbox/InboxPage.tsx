import { Button, Center, Group, Loader, Paper, Stack } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { useShortcuts } from "../shortcuts/useShortcuts.ts";
import { CaseTable } from "./CaseTable.tsx";
import { InboxFilters } from "./InboxFilters.tsx";
import { type CaseFilters, useCaseList } from "./inboxApi.ts";
import { rememberList } from "./lastList.ts";
import { NewCaseButton } from "./NewCaseModal.tsx";
import { ViewList } from "./ViewList.tsx";
import { filtersFromParams, paramsFor } from "./views.ts";

// Shown only once cases are selected: loaded then, which keeps it (and its modals) out of the
// inbox's first load and makes room within the 300 kB budget for the SLA clocks (issue #18).
const BulkBar = lazy(async () => ({ default: (await import("./BulkBar.tsx")).BulkBar }));

/** j/k move focus through the subject links; Enter then opens the case like any link. */
function moveFocus(step: 1 | -1) {
  const links = [...document.querySelectorAll<HTMLAnchorElement>("a.case-link")];
  if (links.length === 0) return;
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = index === -1 ? 0 : Math.min(links.length - 1, Math.max(0, index + step));
  links[next]?.focus();
}

/** The agent's work queue: views, filters and the live list of cases. */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const view = params.get("view") ?? "open";
  // "Most urgent first" lives in the URL beside the filters, apart from saved views' filters.
  const urgent = params.get("sort") === "urgency";
  const list = useCaseList(filters, urgent ? "urgency" : undefined);
  const cases = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // Engineers read the inbox; bulk changes and new cases are agents' work.
  const canWork = useMe().data?.permissions.includes("cases.work") ?? false;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A new view or filter starts with nothing selected: bulk actions act only on what is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every change of the URL
  useEffect(() => setSelected(new Set()), [params]);
  const onSelect = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  const selectedCases = cases.filter((c) => selected.has(c.id));

  useEffect(() => {
    rememberList(
      cases.map((c) => c.id),
      `/app/inbox?${params.toString()}`,
    );
  }, [cases, params]);
  useShortcuts({ j: () => moveFocus(1), k: () => moveFocus(-1) });

  const select = (key: string, next: CaseFilters) => setParams(paramsFor(key, next));
  const isDefault = view === "open" && Object.keys(filters).length === 1;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <PageTitle>{t("inbox.title")}</PageTitle>
        {canWork && <NewCaseButton />}
      </Group>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Paper withBorder radius="md" p="xs" visibleFrom="md">
          <ViewList active={view} onSelect={select} />
        </Paper>
        <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
          <InboxFilters
            filters={filters}
            onChange={(next) => select(view, next)}
            onSaved={(id) => select(`view:${id}`, filters)}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              variant={urgent ? "filled" : "default"}
              aria-pressed={urgent}
              onClick={() => {
                const next = new URLSearchParams(params);
                if (urgent) next.delete("sort");
                else next.set("sort", "urgency");
                setParams(next);
              }}
            >
              {t("inbox.sla.sortUrgent")}
            </Button>
          </Group>
          {selectedCases.length > 0 && (
            <Suspense fallback={null}>
              <BulkBar cases={selectedCases} onDone={() => setSelected(new Set())} />
            </Suspense>
          )}
          {list.isPending ? (
            <Center py="xl">
              <Loader aria-label={t("common.loading")} />
            </Center>
          ) : cases.length === 0 ? (
            <EmptyState
              icon={<IconInbox size={28} />}
              title={isDefault ? t("inbox.emptyTitle") : t("inbox.emptyFilteredTitle")}
              body={isDefault ? t("inbox.emptyBody") : t("inbox.emptyFilteredBody")}
            />
          ) : (
            <Paper withBorder radius="md">
              <CaseTable
                cases={cases}
                selected={canWork ? selected : undefined}
                onSelect={canWork ? onSelect : undefined}
              />
            </Paper>
          )}
          {list.hasNextPage && (
            <Center>
              <Button
                variant="default"
                loading={list.isFetchingNextPage}
                onClick={() => list.fetchNextPage()}
              >
                {t("inbox.loadMore")}
              </Button>
            </Center>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}
