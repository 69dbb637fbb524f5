import pino, { type Logger } from "pino";
import type { Config } from "./config.ts";

/** One pino logger for the process; Fastify derives per-request children carrying reqId. */
export function createLogger(config: Pick<Config, "logLevel" | "logFormat">): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "password"], censor: "[redacted]" },
    ...(config.logFormat === "pretty"
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" },
          },
        }
      : {}),
  });
}
