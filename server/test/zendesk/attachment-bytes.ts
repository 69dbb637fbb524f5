import { Readable } from "node:stream";
import zlib from "node:zlib";
import { mix } from "./dataset-text.ts";

/**
 * The content of a fake attachment: exactly `size` bytes, the same on every download, shaped
 * so that a type sniffer agrees with the declared type (a real PNG chunk layout, a PDF header,
 * plain text). Small files are built whole; large ones stream in chunks, never held in memory.
 */
export function attachmentStream(seed: number, event: number, type: string, size: number): Readable {
  if (size <= 1024 * 1024) return Readable.from([attachmentBytes(seed, event, type, size)]);
  const header =
    type === "application/pdf" ? Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1") : Buffer.alloc(0);
  let sent = 0;
  let state = mix(seed, event, 1) | 1;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(64 * 1024, size - sent);
      const chunk = Buffer.allocUnsafe(n);
      state = fill(chunk, state);
      if (sent === 0) header.copy(chunk, 0, 0, Math.min(header.length, n));
      sent += n;
      this.push(chunk);
    },
  });
}

export function attachmentBytes(seed: number, event: number, type: string, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  fill(out, mix(seed, event, 1) | 1);
  if (type === "text/plain") {
    for (let i = 0; i < size; i++) out[i] = i % 64 === 63 ? 10 : 97 + ((out[i] as number) % 26);
  } else if (type === "application/pdf") {
    Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1").copy(out);
  } else if (type === "image/png" && size >= 57) {
    writePng(out);
  }
  return out;
}

/** Signature, IHDR, one IDAT filling the rest, IEND: a well-formed chunk layout of the exact size. */
function writePng(out: Buffer): void {
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(out, 0);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(16, 0);
  ihdr.writeUInt32BE(16, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  let at = chunk(out, 8, "IHDR", ihdr);
  const idatLength = out.length - at - 12 - 12;
  out.writeUInt32BE(idatLength, at);
  out.write("IDAT", at + 4, "latin1");
  const crc = zlib.crc32(out.subarray(at + 4, at + 8 + idatLength));
  out.writeUInt32BE(crc, at + 8 + idatLength);
  at += 12 + idatLength;
  chunk(out, at, "IEND", Buffer.alloc(0));
}

function chunk(out: Buffer, at: number, type: string, data: Buffer): number {
  out.writeUInt32BE(data.length, at);
  out.write(type, at + 4, "latin1");
  data.copy(out, at + 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(at + 4, at + 8 + data.length)), at + 8 + data.length);
  return at + 12 + data.length;
}

/** xorshift32 over the buffer; returns the state to continue with. */
function fill(buf: Buffer, state: number): number {
  let x = state >>> 0 || 1;
  for (let i = 0; i < buf.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return x >>> 0;
}
