import { fileTypeFromBuffer } from "file-type";
import { AppError } from "./http/errors.ts";
import type { FileStore } from "./storage.ts";

/**
 * Pictures people upload (the workspace logo, avatars) go into the attachments' file store.
 * The type is sniffed from the bytes and only raster formats are kept: an SVG served from our
 * own origin could carry script.
 */
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const MAX_IMAGE_BYTES = 512 * 1024;

export async function storeImage(files: FileStore, workspaceId: string, dataBase64: string) {
  const bytes = Buffer.from(dataBase64, "base64");
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new AppError("validation_failed", "The picture must be at most 512 kB", "dataBase64");
  const type = (await fileTypeFromBuffer(bytes).catch(() => undefined))?.mime;
  if (!type || !IMAGE_TYPES.includes(type))
    throw new AppError("validation_failed", "Upload a PNG, JPEG, GIF or WebP picture", "dataBase64");
  return { key: await files.save(workspaceId, bytes), type };
}

/** A URL that changes when the picture does, so browsers may cache each version for long. */
export const imageUrl = (path: string, key: string | null) => (key ? `${path}?v=${key.slice(-12)}` : null);
