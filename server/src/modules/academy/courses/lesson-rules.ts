import { DEFAULT_EMBED_HOSTS } from "../../../../../contracts/academy-courses.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import type { LessonKind } from "../schema-academy.ts";
import { articleExists, playbookExists, sessionExists } from "./courses.repo.ts";

/** A lesson's fields as they will be stored (after a patch is merged), for checking as a whole. */
export type LessonState = {
  kind: LessonKind;
  videoEmbedUrl: string | null;
  hasUpload: boolean;
  captionsVtt: string | null;
  linkKind: "article" | "playbook" | null;
  linkTargetId: string | null;
  passPercent: number | null;
  sessionId: string | null;
};

const refuse = (message: string, field: string, prefix: string) =>
  new AppError("unprocessable", message, `${prefix}${field}`);

/** Only https URLs on the allowed video hosts may be embedded (an iframe from elsewhere could be anything). */
export function embedProblem(
  url: string,
  hosts: readonly string[] = DEFAULT_EMBED_HOSTS,
): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be a URL";
  }
  if (parsed.protocol !== "https:") return "must start with https://";
  if (parsed.username || parsed.password) return "must not carry a user name or password";
  if (!hosts.includes(parsed.hostname.toLowerCase())) return `must be on one of ${hosts.join(", ")}`;
  return undefined;
}

/** WebVTT files begin with "WEBVTT" (after an optional byte order mark), then a space, tab or line end. */
export function isWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|$)/.test(text);
}

/**
 * The rules of a lesson, checked in the caller's scope so links and sessions must be this
 * workspace's. `prefix` names where the lesson sits in an imported file ("modules.0.lessons.2.").
 * Import answers 400 and the API 422; `code` picks which. `embedHosts` is ACADEMY_EMBED_HOSTS.
 */
export async function checkLesson(
  scope: TenantScope,
  l: LessonState,
  opts: {
    prefix?: string;
    code?: "unprocessable" | "validation_failed";
    embedHosts?: readonly string[];
  } = {},
): Promise<void> {
  const prefix = opts.prefix ?? "";
  const fail = (message: string, field: string) => {
    const e = refuse(message, field, prefix);
    return opts.code === "validation_failed" ? new AppError("validation_failed", e.message, e.field) : e;
  };
  if (l.videoEmbedUrl !== null) {
    if (l.kind !== "video") throw fail("Only video lessons embed a video", "videoEmbedUrl");
    const problem = embedProblem(l.videoEmbedUrl, opts.embedHosts);
    if (problem) throw fail(`The embed URL ${problem}`, "videoEmbedUrl");
  }
  if (l.captionsVtt !== null && l.captionsVtt !== "" && !isWebVtt(l.captionsVtt))
    throw fail('Captions must be a WebVTT file, beginning with "WEBVTT"', "captionsVtt");
  if (l.kind === "link") {
    if (!l.linkKind) throw fail("A link lesson names a help article or a playbook", "linkKind");
    if (!l.linkTargetId) throw fail("A link lesson names the article or playbook it opens", "linkTargetId");
    const exists =
      l.linkKind === "article"
        ? await articleExists(scope, l.linkTargetId)
        : await playbookExists(scope, l.linkTargetId);
    if (!exists) throw fail(`No ${l.linkKind} with this id in this workspace`, "linkTargetId");
  } else if (l.linkKind !== null || l.linkTargetId !== null) {
    throw fail(
      "Only link lessons link to an article or playbook",
      l.linkKind !== null ? "linkKind" : "linkTargetId",
    );
  }
  if (l.kind === "session") {
    if (!l.sessionId) throw fail("A session lesson names the live session that completes it", "sessionId");
    if (!(await sessionExists(scope, l.sessionId)))
      throw fail("No live session with this id in this workspace", "sessionId");
  } else if (l.sessionId !== null) {
    throw fail("Only session lessons name a live session", "sessionId");
  }
  if (l.kind === "quiz" && l.passPercent === null) throw fail("A quiz needs a pass mark", "passPercent");
}
