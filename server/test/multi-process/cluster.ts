import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../harness.ts";
import { scratchDir, track } from "../processes.ts";

/**
 * Real Rapport processes as a scaled-out install runs them: `node server/src/main.ts --web` and
 * `--worker`, each its own OS process, all on one database and one AUTH_SECRET, with PUBLIC_URL
 * the balancer's address (browsers only ever see that). Their JSON log lines are kept for
 * assertions. They are stopped by processes.ts's stopTracked when the file ends.
 */
export type AppProcess = {
  role: "web" | "worker";
  child: ChildProcess;
  /** HTTP and SMTP ports (web only). */
  port: number;
  smtpPort: number;
  logs: Array<Record<string, unknown>>;
};

export async function startProcess(
  role: "web" | "worker",
  env: { databaseUrl: string; publicUrl: string; extra?: Record<string, string> },
): Promise<AppProcess> {
  const port = await freePort();
  const smtpPort = await freePort();
  const logs: Array<Record<string, unknown>> = [];
  const child = track(
    spawn(process.execPath, ["server/src/main.ts", `--${role}`], {
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        DATA_DIR: scratchDir(`rapport-mp-${role}-`),
        PORT: String(port),
        HOST: "127.0.0.1",
        SMTP_PORT: String(smtpPort),
        SMTP_HOST: "127.0.0.1",
        PUBLIC_URL: env.publicUrl,
        AUTH_SECRET: "multi-process-test-secret-shared-by-every-process",
        LOG_FORMAT: "json",
        LOG_LEVEL: "info",
        DB_POOL_MAX: "4",
        DETECTION_SWEEP: "false",
        ...env.extra,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let partial = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    const lines = (partial + d).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const proc: AppProcess = { role, child, port, smtpPort, logs };
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    const up =
      role === "web"
        ? await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
            (r) => r.status === 200,
            () => false,
          )
        : logs.some((l) => l.msg === "Rapport worker is running");
    if (up) return proc;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`${role} process did not start:\n${stderr}\n${JSON.stringify(logs.slice(-20))}`);
}
