import fs from "node:fs";
import path from "node:path";
import { E2E_DIR } from "./global-setup.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the server global setup started (SIGTERM, then SIGKILL after 20 s). */
export default async function globalTeardown() {
  const pid = Number(process.env.E2E_SERVER_PID);
  if (!pid || !alive(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 20_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(path.join(E2E_DIR, "server.pid"), { force: true });
}
