import type {
  WidgetAvailability,
  WidgetConfig,
  WidgetConversation,
  WidgetMessage,
  WidgetSession,
} from "../../../contracts/widget.ts";
import type { WidgetIdentityInput } from "../bridge.ts";

/**
 * The widget's HTTP calls (contracts/widget.ts, docs/widget-protocol.md). The frame is on
 * Rapport's own origin, so these are same-origin requests; the visitor proves who they are
 * with the random token Rapport gave this browser (`Authorization: Visitor <token>`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export type Suggestion = {
  id: string;
  title: string;
  slug: string;
  snippet: string;
  kind: "article" | "playbook";
};
export type Proactive = {
  id: string;
  body: string;
  trigger: "page" | "event";
  urlPattern: string | null;
  delaySeconds: number;
  eventName: string | null;
};
type Page = { url: string; title: string };

export class WidgetApi {
  readonly key: string;
  token: string | null = null;
  constructor(key: string) {
    this.key = key;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Visitor ${this.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(`/api/v1/widget${path}`, { method, headers, body: payload, credentials: "omit" });
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as
      | (T & { error?: { code: string; message: string; field?: string } })
      | null;
    if (!res.ok) {
      const error = data?.error;
      throw new ApiError(
        res.status,
        error?.code ?? "http_error",
        error?.message ?? res.statusText,
        error?.field,
      );
    }
    return data as T;
  }

  config = () => this.call<WidgetConfig>("GET", `/config?key=${encodeURIComponent(this.key)}`);
  availability = () =>
    this.call<WidgetAvailability>("GET", `/availability?key=${encodeURIComponent(this.key)}`);
  session = (input: { token?: string; identity?: WidgetIdentityInput; page?: Page }) =>
    this.call<WidgetSession>("POST", "/sessions", { key: this.key, ...input });
  start = (input: {
    text: string;
    name?: string;
    email?: string;
    topic?: string;
    page?: Page;
    helpSessionId?: string;
  }) => this.call<WidgetConversation>("POST", "/conversations", input);
  conversation = () => this.call<{ conversation: WidgetConversation | null }>("GET", "/conversation");
  send = (text: string) => this.call<WidgetMessage>("POST", "/conversation/messages", { text });
  /** A file as JSON with its bytes in base64 (the server sniffs the real type and checks 5 MB). */
  upload = async (file: File) => {
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    return this.call<WidgetMessage>("POST", "/conversation/attachments", {
      name: file.name.slice(0, 200) || "file",
      contentType: file.type || "application/octet-stream",
      dataBase64: dataUrl.slice(dataUrl.indexOf(",") + 1),
    });
  };
  setEmail = (email: string) => this.call<WidgetConversation>("POST", "/conversation/email", { email });
  transcript = (email?: string) =>
    this.call<unknown>("POST", "/conversation/transcript", email ? { email } : {});
  suggestions = (q: string, helpSessionId: string) =>
    this.call<{ items: Suggestion[]; holdout?: boolean }>(
      "GET",
      `/suggestions?q=${encodeURIComponent(q)}&helpSessionId=${encodeURIComponent(helpSessionId)}`,
    );
  deflect = (input: { helpSessionId: string; articleId?: string }) =>
    this.call<unknown>("POST", "/deflections", input);
  proactive = () => this.call<{ items: Proactive[] }>("GET", "/proactive");
  shutdown = () => this.call<unknown>("POST", "/shutdown", {});

  /** An attachment as a blob URL: the file needs the visitor's token, which a plain link lacks. */
  async attachmentUrl(id: string): Promise<string> {
    const res = await fetch(`/api/v1/widget/attachments/${encodeURIComponent(id)}`, {
      headers: this.token ? { authorization: `Visitor ${this.token}` } : {},
      credentials: "omit",
    });
    if (!res.ok) throw new ApiError(res.status, "http_error", res.statusText);
    return URL.createObjectURL(await res.blob());
  }
}
