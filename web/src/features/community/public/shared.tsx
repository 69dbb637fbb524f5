import { useEffect, useState } from "react";
import type { CommunityCrumb, CommunityMemberRef } from "../../../../../contracts/community-pages.ts";
import { Crumbs as PublicCrumbs } from "../../../platform/public/Crumbs.tsx";
import { useCommunityText } from "./communityText.ts";

/** True after hydration: the interactive parts appear only then, so the server's HTML and the
 * first browser render are the same. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A date written the same on the server and in the browser (UTC, so hydration matches). */
export function FormattedDate({ iso }: { iso: string }) {
  const { i18n } = useCommunityText();
  return <time dateTime={iso}>{dateFormat(i18n.language).format(new Date(iso))}</time>;
}

// One formatter per language: making an Intl.DateTimeFormat is slow, and a topic has hundreds of dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string): Intl.DateTimeFormat {
  let f = formats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
    formats.set(language, f);
  }
  return f;
}

/** Where a community page sits, in the public areas' shared breadcrumb trail. */
export function Crumbs(props: { crumbs: CommunityCrumb[]; current: string }) {
  const { t } = useCommunityText();
  return <PublicCrumbs {...props} label={t("communityPublic.breadcrumb")} />;
}

/** A member's name linking to their profile, with the MVP and staff marks beside it. */
export function MemberName({ member, avatar }: { member: CommunityMemberRef; avatar?: boolean }) {
  const { t } = useCommunityText();
  return (
    <span className="cm-member">
      {avatar &&
        (member.avatarUrl ? (
          <img className="cm-avatar" src={member.avatarUrl} alt="" width={24} height={24} />
        ) : (
          <span className="cm-avatar cm-avatar-initial" aria-hidden>
            {member.displayName.slice(0, 1).toUpperCase()}
          </span>
        ))}
      <a href={`/community/u/${member.id}`}>{member.displayName}</a>
      {member.isMvp && (
        <abbr className="cm-badge cm-badge-mvp" title={t("communityPublic.mvpTitle")}>
          {t("communityPublic.mvp")}
        </abbr>
      )}
      {member.isStaff && <span className="cm-badge cm-badge-staff">{t("communityPublic.staff")}</span>}
    </span>
  );
}

/**
 * The community pages' styles. Inline in the page (not a stylesheet of this chunk) so they also
 * apply without JavaScript, when only the entry's CSS is linked. Plain elements and classes
 * for the posts, not Mantine components: a topic can have hundreds of posts, and each Mantine
 * component costs server render time.
 */
export const COMMUNITY_CSS = `
.cm-list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:var(--mantine-spacing-sm)}
.cm-list>li{padding:var(--mantine-spacing-sm) 0;border-bottom:1px solid var(--mantine-color-default-border)}
.cm-meta{font-size:var(--mantine-font-size-sm);color:var(--mantine-color-dimmed);display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.cm-member{display:inline-flex;align-items:center;gap:6px;flex-wrap:wrap}
.cm-member a,.cm-body a,.cm-list a{color:var(--mantine-color-anchor)}
.cm-avatar{width:24px;height:24px;border-radius:50%;object-fit:cover}
.cm-avatar-initial{display:inline-flex;align-items:center;justify-content:center;background:var(--mantine-color-default-hover);color:var(--mantine-color-text);font-size:12px;font-weight:600}
.cm-badge{display:inline-block;font-size:11px;font-weight:700;line-height:1;padding:3px 6px;border-radius:4px;text-decoration:none;text-transform:uppercase;letter-spacing:.02em}
.cm-badge-mvp{background:var(--mantine-color-violet-9);color:#fff}
.cm-badge-staff{background:var(--mantine-color-blue-9);color:#fff}
.cm-badge-official{background:var(--mantine-color-blue-9);color:#fff}
.cm-badge-accepted{background:#1e6b30;color:#fff}
.cm-badge-solved{background:#1e6b30;color:#fff}
.cm-badge-plain{border:1px solid var(--mantine-color-default-border);color:var(--mantine-color-text)}
.cm-post{display:grid;grid-template-columns:3.5rem 1fr;gap:var(--mantine-spacing-md);padding:var(--mantine-spacing-md);border:1px solid var(--mantine-color-default-border);border-radius:var(--mantine-radius-md);background:var(--mantine-color-body)}
.cm-post-accepted{border:2px solid var(--mantine-color-green-8)}
.cm-score{display:flex;flex-direction:column;align-items:center;gap:2px;font-weight:700}
.cm-score button{background:none;border:1px solid var(--mantine-color-default-border);border-radius:4px;cursor:pointer;color:var(--mantine-color-text);width:2rem;height:1.75rem}
.cm-score button[aria-pressed=true]{background:var(--mantine-color-blue-9);color:#fff}
.cm-body{line-height:1.6;overflow-wrap:anywhere;min-width:0}
.cm-body img{max-width:100%;height:auto}
.cm-body pre{overflow:auto;padding:var(--mantine-spacing-sm);background:var(--mantine-color-default-hover);border-radius:var(--mantine-radius-sm)}
.cm-body code{font-family:var(--mantine-font-family-monospace);font-size:.9em}
.cm-body blockquote{margin:0;padding-left:var(--mantine-spacing-md);border-left:4px solid var(--mantine-color-default-border)}
.cm-comments{list-style:none;margin:var(--mantine-spacing-sm) 0 0;padding:0 0 0 var(--mantine-spacing-md);border-left:2px solid var(--mantine-color-default-border);font-size:var(--mantine-font-size-sm)}
.cm-comments li{padding:4px 0}
.cm-actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:var(--mantine-spacing-sm)}
.cm-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.cm-link-button{background:none;border:none;padding:0;color:var(--mantine-color-anchor);cursor:pointer;font:inherit;font-size:var(--mantine-font-size-sm);text-decoration:underline}
.cm-inline-form{display:flex;flex-direction:column;gap:8px;margin-top:var(--mantine-spacing-sm)}
.cm-inline-form textarea{display:block;width:100%;font:inherit;padding:6px;margin-top:4px}
.cm-inline-form fieldset{border:1px solid var(--mantine-color-default-border);border-radius:4px}
.cm-error{color:var(--mantine-color-red-8)}
.cm-table{border-collapse:collapse;width:100%}
.cm-table th,.cm-table td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--mantine-color-default-border)}
`;
