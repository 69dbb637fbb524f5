/**
 * Just enough of multipart/form-data (RFC 7578) for one picture: the body is already in memory
 * (the route's body limit bounds it), split at the boundary, and each part's headers read for
 * its field name, file name and declared type. No streaming, no temporary files, no dependency.
 */
export type FormPart = { name: string; filename: string | null; contentType: string | null; data: Buffer };

export function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The parts of a form body, or null when it is not well-formed multipart. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  while (at >= 0) {
    let start = at + delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return parts;
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const headerEnd = body.indexOf("\r\n\r\n", start);
    if (headerEnd < 0) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    const headers = body.subarray(start, headerEnd).toString("utf8").split("\r\n");
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? "";
    const type = headers.find((h) => /^content-type:/i.test(h));
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
        contentType: type
          ? type
              .slice(type.indexOf(":") + 1)
              .trim()
              .toLowerCase()
          : null,
        data: body.subarray(headerEnd + 4, next),
      });
    }
    at = next + 2;
  }
  return parts;
}
