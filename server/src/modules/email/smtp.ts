import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import type { Db } from "../../platform/db/pool.ts";
import type { AddressBook } from "./addresses.ts";
import { storeInbound } from "./ingest.ts";

/**
 * The inbound SMTP server. It only ever receives: mail for a support address is stored and
 * answered 250; any other recipient is refused with 550, so it cannot be used as a relay.
 * Oversize mail is refused with 552, and each client address may open only so many
 * connections a minute. A storage failure answers 451 so the sender retries later.
 */
export function createSmtpServer(deps: {
  db: Db;
  boss: PgBoss;
  addresses: AddressBook;
  log: Logger;
  maxBytes: number;
  connectionsPerMinute: number;
}): SMTPServer {
  const recent = new Map<string, number[]>();
  const server = new SMTPServer({
    name: "rapport",
    banner: "Rapport support mail",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: deps.maxBytes,
    logger: false,
    onConnect(session, callback) {
      const ip = session.remoteAddress;
      const now = Date.now();
      const times = (recent.get(ip) ?? []).filter((t) => now - t < 60_000);
      times.push(now);
      recent.set(ip, times);
      if (times.length > deps.connectionsPerMinute) {
        return callback(Object.assign(new Error("Too many connections, slow down"), { responseCode: 421 }));
      }
      callback();
    },
    onMailFrom(_address, _session, callback) {
      callback();
    },
    onRcptTo(address, session, callback) {
      deps.addresses
        .resolve(address.address)
        .then((found) => {
          if (!found)
            return callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
          const first = (session as unknown as { rapportWorkspace?: string }).rapportWorkspace;
          if (first && first !== found.workspaceId) {
            return callback(
              Object.assign(new Error("One workspace per message, please"), { responseCode: 452 }),
            );
          }
          (session as unknown as { rapportWorkspace?: string }).rapportWorkspace = found.workspaceId;
          callback();
        })
        .catch((err) => {
          deps.log.error({ err }, "support address lookup failed");
          callback(Object.assign(new Error("Temporary failure, try again later"), { responseCode: 451 }));
        });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= deps.maxBytes) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded || size > deps.maxBytes) {
          return callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
        }
        const workspaceId = (session as unknown as { rapportWorkspace?: string }).rapportWorkspace;
        if (!workspaceId)
          return callback(Object.assign(new Error("No valid recipients"), { responseCode: 554 }));
        storeInbound(deps.db, deps.boss, {
          workspaceId,
          via: "smtp",
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks),
        })
          .then((stored) =>
            callback(null, stored.duplicate ? "Already have it, thanks" : `Queued as ${stored.id}`),
          )
          .catch((err) => {
            deps.log.error({ err }, "could not store inbound mail");
            callback(Object.assign(new Error("Temporary failure, try again later"), { responseCode: 451 }));
          });
      });
    },
  });
  server.on("error", (err) => deps.log.warn({ err }, "smtp connection error"));
  setInterval(() => {
    const now = Date.now();
    for (const [ip, times] of recent) if (times.every((t) => now - t > 60_000)) recent.delete(ip);
  }, 60_000).unref();
  return server;
}
