import type { NewAttachment } from "./portalApi.ts";

/** The API takes attachments inline as base64; FileReader gives a data: URL we strip. */
export function fileToAttachment(file: File): Promise<NewAttachment> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error("could not read file"));
    reader.onload = () => {
      const url = String(reader.result);
      resolve({
        name: file.name,
        contentType: file.type || "application/octet-stream",
        dataBase64: url.slice(url.indexOf(",") + 1),
      });
    };
    reader.readAsDataURL(file);
  });
}

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
