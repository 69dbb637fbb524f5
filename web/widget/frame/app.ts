import type {
  WidgetAttributes,
  WidgetAvailability,
  WidgetConfig,
  WidgetConversation,
  WidgetServerFrame,
  WidgetSession,
} from "../../../contracts/widget.ts";
import type { FrameToHost, HostToFrame, WidgetIdentityInput } from "../bridge.ts";
import { ApiError, type WidgetApi } from "./api.ts";
import { type ChromeState, needsEmail, renderChrome, showsPrechat, statusLine } from "./chrome.ts";
import { clear, h } from "./dom.ts";
import { fromMessage } from "./messages.ts";
import { ProactiveRules } from "./proactive.ts";
import { WidgetSocket } from "./socket.ts";
import { randomId, tokenStore } from "./storage.ts";
import { Suggestions } from "./suggestions.ts";
import { t } from "./texts.ts";
import { Thread } from "./thread.ts";
import type { View } from "./view.ts";

type Page = { url: string; title: string };
/** The host page as Rapport takes it: web addresses only (the agent's app links to it). */
function hostPage(page: { url: string; title: string }): Page | null {
  if (!/^https?:\/\//i.test(page.url) || page.url.length > 2000) return null;
  return { url: page.url, title: String(page.title ?? "").slice(0, 300) };
}

/**
 * The chat inside the iframe: the visitor's session, the conversation and its live socket,
 * and what the host page asks through the loader (open/close, identify, track, page changes).
 */
export class ChatApp {
  private config: WidgetConfig | null = null;
  private availability: WidgetAvailability | null = null;
  private session: WidgetSession | null = null;
  private conversation: Omit<WidgetConversation, "messages"> | null = null;
  private page: Page | null = null;
  private visible = false;
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private peerTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReadSent = "";
  private attributes: Record<string, unknown> = {};
  private readonly tokens;
  private readonly socket: WidgetSocket;
  private readonly suggestions: Suggestions;
  private readonly proactive: ProactiveRules;

  private readonly api: WidgetApi;
  private readonly view: View;
  private readonly thread: Thread;
  private readonly toHost: (message: FrameToHost) => void;

  constructor(api: WidgetApi, view: View, toHost: (message: FrameToHost) => void) {
    this.api = api;
    this.view = view;
    this.toHost = toHost;
    this.thread = new Thread(
      view.messages,
      () => this.conversation?.agentReadAt,
      (id, name) => void this.openAttachment(id, name),
    );
    this.tokens = tokenStore(api.key, (token) => this.toHost({ rapport: "keep", token }));
    this.socket = new WidgetSocket(
      () => this.api.token,
      (frame) => this.onFrame(frame),
      (connected) => {
        this.view.status.textContent = connected ? this.statusLine() : t.reconnecting;
        if (connected) void this.refreshConversation();
      },
    );
    this.suggestions = new Suggestions(api, view, randomId(), () => {
      view.text.value = "";
      this.thread.addLocal("system", this.config?.workspaceName ?? "", t.deflected);
    });
    this.proactive = new ProactiveRules((item) => {
      this.thread.addLocal("agent", this.config?.workspaceName ?? "", item.body, `proactive-${item.id}`);
      if (!this.visible) this.toHost({ rapport: "proactive", body: item.body });
    });
    this.wire();
  }

  private started: Promise<void> = Promise.resolve();

  start(
    waitForHello: () => Promise<{ url: string; title: string; token: string | null } | null>,
  ): Promise<void> {
    this.started = this.boot(waitForHello);
    return this.started;
  }

  private async boot(
    waitForHello: () => Promise<{ url: string; title: string; token: string | null } | null>,
  ) {
    try {
      [this.config, this.availability] = await Promise.all([
        this.api.config(),
        this.api.availability().catch(() => null),
      ]);
    } catch (err) {
      this.fail(err instanceof ApiError && err.status === 404 ? t.unavailable : t.errorGeneric);
      return;
    }
    document.documentElement.style.setProperty("--accent", this.config.accentColor);
    this.toHost({ rapport: "ready", accentColor: this.config.accentColor, label: t.launcher });
    this.thread.addLocal(
      "agent",
      this.config.workspaceName,
      this.config.greeting || t.greetingFallback,
      "greeting",
    );
    const hello = await waitForHello();
    this.page = hello ? hostPage(hello) : null;
    await this.openSession({ token: this.tokens.get(hello?.token ?? null) ?? undefined });
    this.render();
  }

  // ---- the host page (through the loader) ------------------------------------------------

  fromHost(message: HostToFrame): void {
    switch (message.rapport) {
      case "visible":
        this.visible = message.open;
        if (message.open) {
          this.view.text.focus();
          this.markRead();
        }
        break;
      case "identify":
        // After the first session call, so the identity is added to this browser's visitor.
        void this.started
          .then(() => this.openSession({ token: this.api.token ?? undefined, identity: message.identity }))
          .then(() => this.render());
        break;
      case "attributes":
        // Sent up the socket (queued until the chat's socket is open), kept on the visitor and
        // shown to the agent beside the chat.
        this.attributes = { ...this.attributes, ...message.attributes };
        this.socket.send({ type: "attributes", attributes: message.attributes as WidgetAttributes });
        break;
      case "track":
        this.proactive.event(message.event);
        break;
      case "page": {
        this.proactive.page(message.url);
        const page = hostPage(message);
        if (!page) break;
        this.page = page;
        this.socket.send({ type: "page", ...page });
        break;
      }
      case "shutdown":
        void this.shutdown();
        break;
    }
  }

  // ---- session and conversation ------------------------------------------------------------

  private async openSession(input: { token?: string; identity?: WidgetIdentityInput }) {
    try {
      const session = await this.api.session({ ...input, ...(this.page ? { page: this.page } : {}) });
      const changed = session.token !== this.api.token;
      this.session = session;
      this.api.token = session.token;
      this.tokens.set(session.token);
      if (changed) {
        this.socket.close();
        this.clearConversation();
      }
      if (session.conversation) this.showConversation(session.conversation);
      if (this.conversation) this.socket.connect();
      const proactive = await this.api.proactive().catch(() => ({ items: [] }));
      this.proactive.load(proactive.items, this.page?.url ?? null);
    } catch (err) {
      if (err instanceof ApiError && err.field === "identity.signature") {
        this.toHost({ rapport: "error", message: `identify() was refused: ${err.message}` });
      } else if (err instanceof ApiError && err.status === 403) {
        this.fail(t.notAllowed);
        this.toHost({ rapport: "error", message: err.message });
      } else if (input.token && err instanceof ApiError && err.status === 401) {
        // The stored token is gone (ended, or cleared by the server): start afresh.
        this.tokens.set(null);
        await this.openSession({ ...(input.identity ? { identity: input.identity } : {}) });
      } else {
        this.view.textError.textContent = t.errorGeneric;
      }
    }
  }

  private showConversation(conversation: WidgetConversation) {
    const { messages, ...rest } = conversation;
    this.conversation = rest;
    for (const message of messages) this.thread.upsert(fromMessage(message));
    this.suggestions.hide();
    this.render();
  }

  private clearConversation() {
    this.conversation = null;
    this.thread.clear();
  }

  private async refreshConversation() {
    if (!this.conversation) return;
    const found = await this.api.conversation().catch(() => null);
    if (found?.conversation) this.showConversation(found.conversation);
  }

  private async shutdown() {
    this.socket.close();
    this.proactive.stop();
    if (this.api.token) await this.api.shutdown().catch(() => undefined);
    this.api.token = null;
    this.tokens.set(null);
    this.session = null;
    this.attributes = {};
    this.clearConversation();
    this.render();
  }

  // ---- the visitor writes ------------------------------------------------------------------

  private wire() {
    const v = this.view;
    v.closeButton.addEventListener("click", () => this.toHost({ rapport: "close" }));
    v.composer.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
    v.text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
    v.text.addEventListener("input", () => {
      v.textError.textContent = "";
      if (!this.conversation) this.suggestions.typed(v.text.value);
      else this.typing();
    });
    v.fileInput.addEventListener("change", () => void this.upload());
    v.emailForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.saveEmail();
    });
    v.transcriptButton.addEventListener("click", () => void this.transcript());
    v.messages.addEventListener("focus", () => this.markRead());
  }

  private async submit() {
    const v = this.view;
    const text = v.text.value.trim();
    v.textError.textContent = "";
    if (!text) {
      v.textError.textContent = "Write a message first.";
      v.text.focus();
      return;
    }
    if (!this.conversation) return this.startChat(text);
    v.text.value = "";
    this.stopTyping();
    const clientId = randomId();
    this.thread.upsert({
      id: clientId,
      author: "visitor",
      authorName: t.you,
      body: text,
      attachments: [],
      createdAt: new Date().toISOString(),
      state: "pending",
    });
    if (this.socket.send({ type: "message", text, clientId })) return;
    try {
      const message = await this.api.send(text);
      this.thread.replace(clientId, fromMessage(message));
    } catch (err) {
      const pending = this.thread.pending(clientId);
      if (pending) this.thread.replace(clientId, { ...pending, state: "failed" });
      v.textError.textContent = err instanceof Error ? err.message : t.errorGeneric;
    }
  }

  private async startChat(text: string) {
    const v = this.view;
    const needEmail = this.needsEmail();
    const askPrechat = this.showsPrechat();
    const name = v.nameField.input.value.trim();
    const email = v.emailField.input.value.trim();
    const topic = v.topicField.input.value.trim();
    for (const f of [v.nameField, v.emailField]) f.error.textContent = "";
    if (askPrechat && this.config?.prechatForm && !name) {
      v.nameField.error.textContent = "Please tell us your name.";
      v.nameField.input.focus();
      return;
    }
    if (askPrechat && (needEmail || this.config?.prechatForm) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      v.emailField.error.textContent = "Please enter a valid email address.";
      v.emailField.input.focus();
      return;
    }
    v.sendButton.disabled = true;
    try {
      if (!this.api.token) await this.openSession({});
      const conversation = await this.api.start({
        text,
        ...(name ? { name } : {}),
        ...(email ? { email } : {}),
        ...(topic ? { topic } : {}),
        ...(this.page ? { page: this.page } : {}),
        helpSessionId: this.suggestions.helpSessionId,
      });
      v.text.value = "";
      if (this.session && name) this.session.name = name;
      if (this.session && email) this.session.email = email;
      // No one is available: the visitor was told the chat continues by email and gave one.
      const offlineTo = this.availability?.available === false ? email || this.session?.email : null;
      const continued = offlineTo ? await this.api.setEmail(offlineTo).catch(() => null) : null;
      this.showConversation(continued ?? conversation);
      this.socket.connect();
      v.text.focus();
    } catch (err) {
      const target =
        err instanceof ApiError && err.field?.startsWith("email") ? v.emailField.error : v.textError;
      target.textContent = err instanceof Error ? err.message : t.errorGeneric;
    } finally {
      v.sendButton.disabled = false;
    }
  }

  private typing() {
    if (!this.typingSent) this.typingSent = this.socket.send({ type: "typing", typing: true });
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), 3000);
  }

  private stopTyping() {
    clearTimeout(this.typingTimer);
    if (this.typingSent) this.socket.send({ type: "typing", typing: false });
    this.typingSent = false;
  }

  private async upload() {
    const file = this.view.fileInput.files?.[0];
    this.view.fileInput.value = "";
    if (!file) return;
    if (!this.conversation) {
      this.view.textError.textContent = "Write your question first, then add the file.";
      return;
    }
    if (file.size > 5 * 1024 * 1024) {
      this.view.textError.textContent = t.tooLarge;
      return;
    }
    try {
      const message = await this.api.upload(file);
      this.thread.upsert(fromMessage(message));
    } catch (err) {
      this.view.textError.textContent = err instanceof ApiError ? err.message : t.uploadFailed;
    }
  }

  private async openAttachment(id: string, name: string) {
    try {
      const url = await this.api.attachmentUrl(id);
      const a = h("a", { href: url, download: name, rel: "noopener" });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      this.view.textError.textContent = t.errorGeneric;
    }
  }

  private async saveEmail() {
    const v = this.view;
    const email = v.emailFormInput.value.trim();
    v.emailFormError.textContent = "";
    try {
      const conversation = await this.api.setEmail(email);
      if (this.conversation) this.conversation.offlineEmail = conversation?.offlineEmail ?? email;
      if (this.session) this.session.email = email;
      this.render();
    } catch (err) {
      v.emailFormError.textContent = err instanceof Error ? err.message : t.errorGeneric;
      v.emailFormInput.setAttribute("aria-invalid", "true");
    }
  }

  private async transcript() {
    const email = this.conversation?.offlineEmail ?? this.session?.email ?? undefined;
    try {
      await this.api.transcript(email);
      this.thread.addLocal("system", "", t.transcriptSent);
    } catch (err) {
      this.thread.addLocal(
        "system",
        "",
        err instanceof ApiError && err.field === "email" ? t.transcriptNeedsEmail : t.errorGeneric,
      );
    }
  }

  // ---- Rapport speaks --------------------------------------------------------------------

  private onFrame(frame: WidgetServerFrame) {
    switch (frame.type) {
      case "ack":
        this.thread.replace(frame.clientId, fromMessage(frame.message));
        break;
      case "message": {
        if (this.conversation && frame.conversationId !== this.conversation.id) break;
        const isNew = !this.thread.has(frame.message.id);
        this.thread.upsert(fromMessage(frame.message));
        if (isNew && frame.message.author === "agent") {
          this.showPeerTyping(null);
          this.toHost({
            rapport: "message",
            message: {
              body: frame.message.body,
              authorName: frame.message.authorName,
              createdAt: frame.message.createdAt,
            },
          });
          this.markRead();
        }
        break;
      }
      case "typing":
        this.showPeerTyping(frame.typing ? frame.name : null);
        break;
      case "read":
        if (this.conversation) this.conversation.agentReadAt = frame.at;
        this.thread.drawSeen();
        break;
      case "status":
        if (!this.conversation || frame.conversationId !== this.conversation.id) break;
        this.conversation.status = frame.status;
        this.conversation.agent = frame.agent;
        this.render();
        break;
      case "error":
        this.view.textError.textContent = frame.message;
        break;
      default:
        break;
    }
  }

  private showPeerTyping(name: string | null) {
    clearTimeout(this.peerTypingTimer);
    this.view.typing.textContent = name ? t.typing(name) : "";
    // A lost "stopped typing" must not leave the indicator on for ever.
    if (name) this.peerTypingTimer = setTimeout(() => this.showPeerTyping(null), 8000);
  }

  private markRead() {
    if (!this.visible || document.visibilityState !== "visible") return;
    if (!this.thread.lastAgentMessageAt || this.thread.lastAgentMessageAt === this.lastReadSent) return;
    if (this.socket.send({ type: "read" })) this.lastReadSent = this.thread.lastAgentMessageAt;
  }

  // ---- drawing (the messages are thread.ts; the rest chrome.ts) ---------------------------

  /** What the frame shows around the conversation, from what it knows now. */
  private get state(): ChromeState {
    return {
      config: this.config,
      availability: this.availability,
      session: this.session,
      conversation: this.conversation,
    };
  }

  private statusLine(): string {
    return statusLine(this.state);
  }

  private needsEmail(): boolean {
    return needsEmail(this.state);
  }

  private showsPrechat(): boolean {
    return showsPrechat(this.state);
  }

  private render() {
    renderChrome(this.view, this.state);
  }

  private fail(message: string) {
    clear(this.view.messages);
    this.view.messages.append(h("div", { class: "msg msg-system" }, message));
    this.view.composer.hidden = true;
  }
}
