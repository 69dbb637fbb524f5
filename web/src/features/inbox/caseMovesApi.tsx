import { Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import {
  caseCountsSchema,
  caseListSchema,
  caseMoveResultSchema,
  caseUndoResultSchema,
} from "../../../../contracts/cases.ts";
import { apiParsed } from "../../api/client.ts";

/** Unsolved cases per view. Under ["cases"], so every live case change refreshes it too. */
export function useCaseCounts() {
  return useQuery({
    queryKey: ["cases", "counts"],
    queryFn: () => apiParsed(caseCountsSchema, "/api/v1/cases/counts"),
    staleTime: 5_000,
  });
}

/** A count as a badge shows it: the server stops counting at its cap. */
export function countText(t: TFunction, count: number | null | undefined, cap: number): string | null {
  if (count === null || count === undefined) return null;
  return count >= cap ? t("caseMoves.countCapped") : String(count);
}

export type BulkSet = {
  status?: string;
  priority?: string;
  assigneeId?: string | null;
  addTags?: string[];
  removeTags?: string[];
};

export const bulkUpdate = (caseIds: string[], set: BulkSet) =>
  apiParsed(caseListSchema, "/api/v1/cases/bulk", { body: { caseIds, set } });

export const mergeCases = (survivorId: string, caseIds: string[]) =>
  apiParsed(caseMoveResultSchema, `/api/v1/cases/${survivorId}/merge`, { body: { caseIds } });

export const splitCase = (caseId: string, messageIds: string[]) =>
  apiParsed(caseMoveResultSchema, `/api/v1/cases/${caseId}/split`, { body: { messageIds } });

/**
 * Says what was merged or split, with an Undo button while the server still allows it (the
 * notification closes when the window does, at the latest).
 */
export function notifyWithUndo(
  t: TFunction,
  queryClient: QueryClient,
  opts: { message: string; undoPath: string; undoUntil: string; onUndone?: () => void },
) {
  const id = `undo-${opts.undoPath}`;
  const undo = async () => {
    notifications.hide(id);
    await apiParsed(caseUndoResultSchema, opts.undoPath, { method: "POST", body: {} });
    void queryClient.invalidateQueries({ queryKey: ["cases"] });
    void queryClient.invalidateQueries({ queryKey: ["case"] });
    notifications.show({
      closeButtonProps: { "aria-label": t("common.close") },
      message: t("caseMoves.undone"),
    });
    opts.onUndone?.();
  };
  notifications.show({
    id,
    color: "teal",
    closeButtonProps: { "aria-label": t("common.close") },
    autoClose: Math.max(1000, Math.min(120_000, Date.parse(opts.undoUntil) - Date.now())),
    message: (
      <Group gap="sm" justify="space-between" wrap="nowrap">
        <span>{opts.message}</span>
        <Button size="compact-sm" variant="light" onClick={() => void undo()}>
          {t("caseMoves.undo")}
        </Button>
      </Group>
    ),
  });
}
