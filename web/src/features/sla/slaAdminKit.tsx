import { Alert, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { api } from "../../api/client.ts";
import { useSlaText } from "./slaText.ts";

/**
 * What the SLA settings lists (business hours, policies) share: each list lives at one API path
 * and one query key; deleting or saving shows a notice and reloads that list, and a list the
 * server does not offer (null) or could not load says so instead of showing an empty list.
 */
export type SlaList = { path: string; queryKey: string };

export function useSlaDelete(list: SlaList) {
  const { t } = useSlaText();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`${list.path}/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      notifications.show({ message: t("slaAdmin.deleted") });
      void client.invalidateQueries({ queryKey: [list.queryKey] });
    },
  });
}

/** A create or change; a refusal goes to `onError` for the form to show. */
export function useSlaSave(
  list: SlaList,
  send: (body: object) => Promise<unknown>,
  handlers: {
    onSaved: () => void;
    onError: (message: string) => void;
  },
) {
  const { t } = useSlaText();
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      notifications.show({ message: t("slaAdmin.saved") });
      void client.invalidateQueries({ queryKey: [list.queryKey] });
      handlers.onSaved();
    },
    onError: (err) => handlers.onError(err.message),
  });
}

/** What to show instead of the list, if anything: its load error, or that the server lacks it. */
export function listProblem(
  query: { error: Error | null; data: unknown },
  t: ReturnType<typeof useSlaText>["t"],
): ReactNode {
  if (query.error)
    return <Alert color="red">{t("slaAdmin.loadError", { message: query.error.message })}</Alert>;
  if (query.data === null) return <Text c="dimmed">{t("slaAdmin.unavailable")}</Text>;
  return null;
}

export function FormError(props: { error: string | null }) {
  return props.error ? (
    <Alert color="red" role="alert">
      {props.error}
    </Alert>
  ) : null;
}
