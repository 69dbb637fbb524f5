/**
 * What the loader (on the host page) and the frame (Rapport's origin) say to each other by
 * postMessage. Each side checks the other's origin and window before reading a message, and
 * every message carries `rapport: <kind>` so other scripts' messages are ignored.
 * Type-only: the loader and the frame share no code, so the loader stays a single small file.
 */
export type WidgetIdentityInput = { userId: string; email?: string; name?: string; signature: string };

export type HostToFrame =
  /** The loader's first message: the page, and the token it keeps for a frame without storage. */
  | { rapport: "hello"; url: string; title: string; token: string | null }
  | { rapport: "visible"; open: boolean }
  | { rapport: "identify"; identity: WidgetIdentityInput }
  | { rapport: "attributes"; attributes: Record<string, unknown> }
  | { rapport: "track"; event: string }
  | { rapport: "page"; url: string; title: string }
  | { rapport: "shutdown" };

export type FrameToHost =
  | { rapport: "ready"; accentColor: string; label: string }
  | { rapport: "open" }
  | { rapport: "close" }
  | { rapport: "message"; message: { body: string; authorName: string; createdAt: string } }
  | { rapport: "proactive"; body: string }
  | { rapport: "error"; message: string }
  /** Keep (or, with null, forget) the visitor's token: the frame's own storage is refused. */
  | { rapport: "keep"; token: string | null };
