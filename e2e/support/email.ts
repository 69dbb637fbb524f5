import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { SMTPServer } from "smtp-server";

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type Sink = Awaited<ReturnType<typeof startSink>>;

/** A real SMTP server on loopback standing in for the mail relay: it keeps what Rapport sends. */
export async function startSink() {
  const received: Array<{ envelopeTo: string[]; mail: ParsedMail }> = [];
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const mail = await simpleParser(Buffer.concat(chunks));
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type Rapport = { baseURL: string; smtpPort: number; logFile: string; stop: () => Promise<void> };

/**
 * A second Rapport, just for mail journeys: the shared e2e server must keep SMTP_URL unset
 * (its magic links are read from the log), while these journeys need a relay to send through.
 * It serves the web/dist that global setup already built.
 */
export async function startRapport(env: { SMTP_URL: string } & Record<string, string>): Promise<Rapport> {
  const [port, pgPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-mail-"));
  // Embedded PostgreSQL runs as the postgres user when we are root; it must be able to write here.
  fs.chmodSync(dataDir, 0o777);
  const logFile = path.join(dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const baseURL = `http://localhost:${port}`;
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/node"), ["server/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SMTP_PORT: String(smtpPort),
      ...env,
      PUBLIC_URL: baseURL,
      LOG_FORMAT: "json",
      NODE_ENV: "production",
      LOGIN_RATE_LIMIT: "500",
    },
    stdio: ["ignore", log, log],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    // Give embedded PostgreSQL time to shut down cleanly; never leave the process behind.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { baseURL, smtpPort, logFile, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(`the mail Rapport did not become healthy at ${baseURL}:\n${tail}`);
}

/** Sends one message to Rapport's inbound SMTP port, as a customer's mail server would. */
export async function sendMail(smtpPort: number, message: SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** Polls until the sink holds a message matching the predicate. */
export async function waitForMail(sink: Sink, match: (mail: ParsedMail) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = sink.received.find((r) => match(r.mail));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `no matching mail at the sink; got: ${sink.received.map((r) => r.mail.subject).join(", ")}`,
  );
}
