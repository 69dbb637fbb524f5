import { type ParsedMail, simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { freePort } from "./harness.ts";

/** A real SMTP client pointed at a Rapport test server's inbound port. */
export function smtpClient(port: number) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 4,
  });
}

/** Sends raw RFC 5322 bytes over SMTP, as another mail server would. */
export async function sendRaw(
  port: number,
  raw: Buffer | string,
  opts: { from?: string; to?: string[] } = {},
) {
  const t = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await t.sendMail({
      envelope: { from: opts.from ?? "sender@example.com", to: opts.to ?? ["support@localhost"] },
      raw,
    });
  } finally {
    t.close();
  }
}

/**
 * A real SMTP sink on loopback that keeps what Rapport sends out. With `auth`, it demands that
 * user and password (over plain SMTP, as a relay on a private network might).
 */
export async function startSink(opts: { auth?: { user: string; pass: string } } = {}) {
  const received: Array<{ envelopeTo: string[]; mail: ParsedMail; raw: Buffer; user?: string }> = [];
  const port = await freePort();
  const auth = opts.auth;
  const server = new SMTPServer({
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(a, _session, callback) {
      if (auth && a.username === auth.user && a.password === auth.pass)
        return callback(null, { user: a.username });
      callback(new Error("Invalid username or password"));
    },
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          ...(session.user ? { user: String(session.user) } : {}),
          mail: await simpleParser(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
