import { Anchor, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import type {
  FeedbackCrumb,
  FeedbackIdeaListItem,
  FeedbackStatus,
  FeedbackStatusLabels,
} from "../../../../../contracts/feedback-pages.ts";
import { useFeedbackText } from "./feedbackText.ts";

/** True after hydration: the interactive parts appear only then, so the server's HTML and the
 * first browser render are the same. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** A date written the same on the server and in the browser (UTC, so hydration matches). */
export function FormattedDate({ iso }: { iso: string }) {
  const { i18n } = useFeedbackText();
  let f = formats.get(i18n.language);
  if (!f) {
    f = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
    formats.set(i18n.language, f);
  }
  return <time dateTime={iso}>{f.format(new Date(iso))}</time>;
}

export function Crumbs(props: { crumbs: FeedbackCrumb[]; current: string }) {
  const { t } = useFeedbackText();
  return (
    <nav aria-label={t("feedbackPublic.breadcrumb")}>
      <ol className="fb-crumbs">
        {props.crumbs.map((c) => (
          <li key={c.href}>
            <Anchor href={c.href} size="sm">
              {c.label}
            </Anchor>
          </li>
        ))}
        <li aria-current="page">
          <Text span size="sm" c="dimmed">
            {props.current}
          </Text>
        </li>
      </ol>
    </nav>
  );
}

/** The status under the workspace's own name for it. */
export function StatusBadge({ status, labels }: { status: FeedbackStatus; labels: FeedbackStatusLabels }) {
  return <span className={`fb-status fb-status-${status}`}>{labels[status]}</span>;
}

/**
 * "12 votes", "1 comment": remembered by language, key and count. A list of 30 ideas asks for
 * 60 of them, and i18next resolves each (fallbacks, plural rules) at a cost that was a tenth of
 * a board page's whole render; the texts never change while the process runs.
 */
const countTexts = new Map<string, string>();
function countText(text: ReturnType<typeof useFeedbackText>, key: string, count: number): string {
  const k = `${text.i18n.language}\n${key}\n${count}`;
  let s = countTexts.get(k);
  if (s === undefined) {
    s = text.t(key, { count });
    if (countTexts.size >= 5_000) countTexts.clear();
    countTexts.set(k, s);
  }
  return s;
}

/** Ideas as a list of plain elements (a board page has 30 of them; Mantine per row costs render time). */
export function IdeaList(props: {
  ideas: FeedbackIdeaListItem[];
  labels: FeedbackStatusLabels;
  level?: "h2" | "h3";
  showDone?: boolean;
}) {
  const text = useFeedbackText();
  const { t } = text;
  const Heading = props.level ?? "h3";
  if (props.ideas.length === 0) return <Text c="dimmed">{t("feedbackPublic.noIdeas")}</Text>;
  return (
    <ul className="fb-list">
      {props.ideas.map((idea) => {
        const votes = countText(text, "feedbackPublic.votes", idea.votes);
        return (
          <li key={idea.id} className="fb-row">
            <span className="fb-votes" title={votes}>
              <strong>{idea.votes}</strong>
              <span className="fb-sr"> {votes}</span>
            </span>
            <div className="fb-row-main">
              <Heading className="fb-row-title">
                <a href={idea.href}>{idea.title}</a>
              </Heading>
              <div className="fb-meta">
                <StatusBadge status={idea.status} labels={props.labels} />
                {idea.board && <a href={idea.board.href}>{idea.board.name}</a>}
                <span>{countText(text, "feedbackPublic.comments", idea.commentCount)}</span>
                {props.showDone && idea.doneAt ? (
                  <span>
                    {t("feedbackPublic.doneOn")} <FormattedDate iso={idea.doneAt} />
                  </span>
                ) : (
                  <FormattedDate iso={idea.createdAt} />
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Previous / next links as plain anchors (no JavaScript needed); `hrefOf(n)` builds page n's URL. */
export function Pager(props: { page: number; count: number; hrefOf: (n: number) => string }) {
  const { t } = useFeedbackText();
  if (props.count <= 1) return null;
  return (
    <nav aria-label={t("feedbackPublic.pagination")} className="fb-pager">
      {props.page > 1 && (
        <a href={props.hrefOf(props.page - 1)} rel="prev">
          {t("feedbackPublic.previous")}
        </a>
      )}
      <span>{t("feedbackPublic.page", { page: props.page, count: props.count })}</span>
      {props.page < props.count && (
        <a href={props.hrefOf(props.page + 1)} rel="next">
          {t("feedbackPublic.next")}
        </a>
      )}
    </nav>
  );
}

/**
 * The feedback pages' styles. Inline in the page (not a stylesheet of this chunk) so they also
 * apply without JavaScript, when only the entry's CSS is linked.
 */
export const FEEDBACK_CSS = `
.fb-crumbs{display:flex;flex-wrap:wrap;gap:4px 8px;list-style:none;margin:0;padding:0}
.fb-crumbs li+li::before{content:"/";margin-right:8px;color:var(--mantine-color-dimmed)}
.fb-list{list-style:none;margin:0;padding:0}
.fb-row{display:flex;gap:var(--mantine-spacing-md);padding:var(--mantine-spacing-sm) 0;border-bottom:1px solid var(--mantine-color-default-border)}
.fb-row-main{min-width:0}
.fb-row-title{margin:0 0 4px;font-size:var(--mantine-font-size-lg);overflow-wrap:anywhere}
.fb-votes{display:flex;flex-direction:column;align-items:center;justify-content:center;min-width:3.25rem;border:1px solid var(--mantine-color-default-border);border-radius:var(--mantine-radius-sm);padding:4px}
.fb-meta{font-size:var(--mantine-font-size-sm);color:var(--mantine-color-dimmed);display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.fb-list a,.fb-meta a,.fb-body a{color:var(--mantine-color-anchor)}
.fb-status{display:inline-block;font-size:12px;font-weight:700;line-height:1;padding:4px 6px;border-radius:4px;border:1px solid var(--mantine-color-default-border);color:var(--mantine-color-text)}
.fb-status-planned{background:#1d4f91;color:#fff;border-color:#1d4f91}
.fb-status-in_progress{background:#7a4d00;color:#fff;border-color:#7a4d00}
.fb-status-done{background:#1e6b30;color:#fff;border-color:#1e6b30}
.fb-status-declined{background:#8a1c1c;color:#fff;border-color:#8a1c1c}
.fb-badge{display:inline-block;font-size:11px;font-weight:700;padding:3px 6px;border-radius:4px;background:var(--mantine-color-blue-9);color:#fff;text-transform:uppercase}
.fb-body{line-height:1.6;overflow-wrap:anywhere}
.fb-body img{max-width:100%;height:auto}
.fb-body pre{overflow:auto;padding:var(--mantine-spacing-sm);background:var(--mantine-color-default-hover)}
.fb-comments{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:var(--mantine-spacing-sm)}
.fb-comment{padding:var(--mantine-spacing-sm);border:1px solid var(--mantine-color-default-border);border-radius:var(--mantine-radius-sm)}
.fb-comment-official{border:2px solid var(--mantine-color-blue-8)}
.fb-columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:var(--mantine-spacing-lg)}
.fb-pager{display:flex;gap:var(--mantine-spacing-md);align-items:center;margin-top:var(--mantine-spacing-md)}
.fb-pager a{color:var(--mantine-color-anchor)}
.fb-explain{padding:var(--mantine-spacing-sm);border-left:4px solid var(--mantine-color-default-border);background:var(--mantine-color-default-hover)}
.fb-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.fb-filters{display:flex;flex-wrap:wrap;gap:var(--mantine-spacing-md);align-items:flex-end}
.fb-filters select{font:inherit;padding:4px}
.fb-error{color:var(--mantine-color-red-8)}
`;
