import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { AppContext } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";
import { pinnedFetch, RefusedDestination } from "../../platform/outbound/pinned-fetch.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";

/** The email attachments' limit, so a file is refused or kept the same way whatever brought it. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type AttachmentInput = {
  url?: string | undefined;
  name: string;
  contentType?: string | undefined;
  dataBase64?: string | undefined;
};
type Ctx = Pick<AppContext, "files" | "config">;

/**
 * Stores a channel message's attachments before its transaction (as email does): inline base64,
 * or an https URL fetched under the webhooks' private-address rule (an adapter must not make
 * Rapport read its own network). The type is sniffed from the bytes, never trusted. A crash
 * after storing leaves only unreferenced files, which the daily collector removes.
 */
export async function storeChannelAttachments(
  ctx: Ctx,
  workspaceId: string,
  inputs: AttachmentInput[],
): Promise<StoredAttachment[]> {
  const loaded: Array<{ input: AttachmentInput; bytes: Buffer }> = [];
  for (const [i, input] of inputs.entries()) {
    const field = `attachments.${i}`;
    if ((input.url === undefined) === (input.dataBase64 === undefined))
      throw new AppError("validation_failed", `${field}: give exactly one of url or dataBase64`, field);
    const bytes =
      input.dataBase64 !== undefined
        ? decodeBase64(input.dataBase64, `${field}.dataBase64`)
        : await fetchAttachment(ctx, input.url as string, `${field}.url`);
    loaded.push({ input, bytes });
  }
  const stored: StoredAttachment[] = [];
  for (const { input, bytes } of loaded) {
    const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
    const key = await ctx.files.save(workspaceId, bytes);
    stored.push({
      id: randomUUID(),
      name: input.name,
      contentType: sniffed?.mime ?? safeType(input.contentType),
      size: bytes.length,
      key,
    });
  }
  return stored;
}

/** A declared type is kept only when it looks like one; anything odd becomes opaque bytes. */
function safeType(declared: string | undefined): string {
  return declared && /^[a-z]+\/[a-z0-9.+-]+$/i.test(declared)
    ? declared.toLowerCase()
    : "application/octet-stream";
}

function decodeBase64(data: string, field: string): Buffer {
  const clean = data.replace(/\s+/g, "");
  if (!BASE64.test(clean) || clean.length % 4 === 1)
    throw new AppError("validation_failed", `${field}: not base64`, field);
  const bytes = Buffer.from(clean, "base64");
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new AppError("validation_failed", `${field}: attachments are limited to 5 MB each`, field);
  return bytes;
}

async function fetchAttachment(ctx: Ctx, url: string, field: string): Promise<Buffer> {
  const parsed = new URL(url);
  // Plain http only where the operator allows private destinations (a loopback test server).
  if (parsed.protocol !== "https:" && !ctx.config.webhookAllowPrivate)
    throw new AppError("validation_failed", `${field}: attachments are fetched over https only`, field);
  if (parsed.username || parsed.password)
    throw new AppError("validation_failed", `${field}: credentials in the URL are not accepted`, field);
  let res: Response;
  try {
    // Connects to the address that was checked (DNS rebinding, pinned-fetch.ts).
    res = await pinnedFetch(
      url,
      { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) },
      { allowPrivate: ctx.config.webhookAllowPrivate },
    );
  } catch (err) {
    if (err instanceof RefusedDestination)
      throw new AppError("validation_failed", `${field}: refused (${err.message})`, field);
    throw new AppError(
      "validation_failed",
      `${field}: could not be fetched (${err instanceof Error ? err.message : "error"})`,
      field,
    );
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new AppError("validation_failed", `${field}: the server answered HTTP ${res.status}`, field);
  }
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_ATTACHMENT_BYTES) {
    await res.body?.cancel();
    throw new AppError("validation_failed", `${field}: attachments are limited to 5 MB each`, field);
  }
  // Read at most the limit, whatever the server claimed: a lying Content-Length cannot fill memory.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > MAX_ATTACHMENT_BYTES) {
      await res.body?.cancel().catch(() => undefined);
      throw new AppError("validation_failed", `${field}: attachments are limited to 5 MB each`, field);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
