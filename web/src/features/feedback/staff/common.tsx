import { Alert, Badge, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import type { FeedbackSettings, IdeaStatusValue } from "../../../../../contracts/feedback.ts";
import { ApiError } from "../../../api/client.ts";
import { useFeedbackSettings } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

/** Loading, an error (another part's route may not be merged yet), or the content. */
export function Loaded<T>(props: {
  query: { isPending: boolean; isError: boolean; error: Error | null; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  const { t } = useFeedbackStaffText();
  if (props.query.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (props.query.isError || props.query.data === undefined)
    return (
      <Alert color="red" role="alert">
        {t("feedbackStaff.loadError", { message: props.query.error?.message ?? "" })}
      </Alert>
    );
  return <>{props.children(props.query.data)}</>;
}

const COLORS: Record<IdeaStatusValue, string> = {
  open: "gray",
  under_review: "yellow",
  planned: "blue",
  in_progress: "violet",
  done: "teal",
  declined: "red",
  duplicate: "gray",
};

/** The workspace's name for a status (settings may rename it), else ours. */
export function useStatusLabel() {
  const { t } = useFeedbackStaffText();
  const settings = useFeedbackSettings();
  const labels: FeedbackSettings["statusLabels"] = settings.data?.statusLabels ?? {};
  return (status: IdeaStatusValue) => labels[status] || t(`feedbackStaff.status.${status}`);
}

export function StatusBadge(props: { status: IdeaStatusValue; label?: string }) {
  const label = useStatusLabel();
  return (
    <Badge color={COLORS[props.status]} variant="light" size="sm" style={{ flexShrink: 0 }}>
      {props.label || label(props.status)}
    </Badge>
  );
}

/** Only our own relative URLs become links (a drifting or hostile value stays text). */
export const safeIdeaUrl = (url: string) => (url.startsWith("/feedback/") ? url : undefined);

export const formatDay = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));

/** The server's message for one input field (a 422 naming it), for that field's error. */
export const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError && error.field === field ? error.message : undefined;
