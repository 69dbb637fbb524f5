import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

export interface SpawnedFake {
  url: string;
  email: string;
  token: string;
  pid: number;
  /** The fake's resident memory now, in MB (Linux /proc). */
  rssMb(): number;
  /** CPU the fake has used so far, in ms (user + system). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Starts serve.ts in its own Node process (the benchmark's way: the fake's CPU and memory are
 * then not the importer's). The heap is capped: V8 otherwise lets a process that builds a
 * megabyte page per request grow to a few hundred MB before collecting, though nothing is kept.
 */
export async function spawnFakeZendesk(
  args: Record<string, string | number | boolean>,
): Promise<SpawnedFake> {
  const argv = Object.entries(args).flatMap(([k, v]) =>
    v === true ? [`--${k}`] : v === false ? [] : [`--${k}`, String(v)],
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--max-old-space-size=64",
      "--max-semi-space-size=4",
      path.join(import.meta.dirname, "serve.ts"),
      ...argv,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const stdout = child.stdout;
  if (!stdout || child.pid === undefined) throw new Error("the fake Zendesk did not start");
  const pid = child.pid;
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the fake Zendesk exited (${code})`)));
  });
  const { url, email, token } = JSON.parse(line) as { url: string; email: string; token: string };
  return {
    url,
    email,
    token,
    pid,
    rssMb: () => {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : Number.NaN;
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the command name): utime and stime, in ticks.
      const fields = (fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
