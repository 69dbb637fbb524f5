import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { loadConfig } from "../../src/platform/config.ts";
import { READY_PATH } from "../../src/platform/http/health.ts";

/**
 * Docker cannot run on this machine, so the Dockerfile and compose.yaml are checked against the
 * app's own configuration instead: the port the app listens on by default, the --web/--worker
 * flags main.ts accepts, the ready path health.ts serves, and an environment the app's config
 * schema accepts. A rename on either side fails here rather than in someone's deployment.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const defaults = loadConfig({});

type Instruction = { op: string; args: string };
/** Dockerfile instructions with line continuations joined, grouped by build stage. */
function dockerStages(text: string): Instruction[][] {
  const joined = text.replace(/\\\n/g, " ");
  const stages: Instruction[][] = [];
  for (const line of joined.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const [op = "", ...rest] = trimmed.split(/\s+/);
    if (op.toUpperCase() === "FROM") stages.push([]);
    stages.at(-1)?.push({ op: op.toUpperCase(), args: rest.join(" ") });
  }
  return stages;
}

test("the Dockerfile: multi-stage on Node 24, builds the web app, runs main.ts as a non-root user on the app's port", () => {
  const stages = dockerStages(fs.readFileSync(path.join(root, "Dockerfile"), "utf8"));
  assert.ok(stages.length >= 2, "multi-stage");
  for (const stage of stages)
    assert.match(stage[0]?.args ?? "", /^node:24[\w.-]*\b/, "every stage is Node 24");
  const [build, runtime] = [stages[0] ?? [], stages.at(-1) ?? []];
  assert.ok(
    build.some((i) => i.op === "RUN" && i.args.includes("npm run build")),
    "the build stage builds the web app",
  );
  assert.ok(
    runtime.some((i) => i.op === "COPY" && i.args.startsWith("--from=")),
    "the runtime copies from the build",
  );
  const user = runtime.filter((i) => i.op === "USER").at(-1)?.args;
  assert.ok(user && !["root", "0"].includes(user.split(":")[0] as string), `runs as ${user}`);
  const env = runtime
    .filter((i) => i.op === "ENV")
    .map((i) => i.args)
    .join(" ");
  assert.match(env, /HOST=0\.0\.0\.0/, "listens beyond the container's loopback");
  assert.match(env, new RegExp(`PORT=${defaults.port}\\b`));
  const exposed = runtime
    .filter((i) => i.op === "EXPOSE")
    .flatMap((i) => i.args.split(/\s+/))
    .map(Number);
  assert.ok(exposed.includes(defaults.port) && exposed.includes(defaults.smtpPort), `EXPOSE ${exposed}`);
  const health = runtime.find((i) => i.op === "HEALTHCHECK")?.args ?? "";
  assert.ok(health.includes(READY_PATH), "the image's health check asks the ready probe");
  const cmd = JSON.parse(runtime.find((i) => i.op === "CMD")?.args ?? "[]") as string[];
  assert.deepEqual(cmd.slice(0, 2), ["node", "server/src/main.ts"]);
  assert.ok(
    fs.readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n").includes("node_modules"),
    "the host's node_modules never enters the build context",
  );
});

test("compose.yaml: PostgreSQL, a web and a worker on the same database and secret, checked on the ready path", () => {
  const compose = parse(fs.readFileSync(path.join(root, "compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<string, any>;
  };
  const { postgres, web, worker } = compose.services;
  assert.ok(postgres && web && worker, `services: ${Object.keys(compose.services)}`);
  assert.match(postgres.image, /^postgres:(1[5-9]|[2-9]\d)/, "PostgreSQL 15 or newer");
  assert.deepEqual(web.command, ["node", "server/src/main.ts", "--web"]);
  assert.deepEqual(worker.command, ["node", "server/src/main.ts", "--worker"]);

  // The environment is one the app itself accepts, with compose's ${…} filled in as compose
  // would: `${X:-default}` by its default, a required `${X:?message}` by an operator's value.
  const fill = (env: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        String(v).replace(
          /\$\{\w+(?::-([^}]*))?(?::\?[^}]*)?\}/g,
          (_, fallback?: string) => fallback ?? "x".repeat(40),
        ),
      ]),
    );
  const webConfig = loadConfig(fill(web.environment));
  const workerConfig = loadConfig(fill(worker.environment));
  assert.equal(webConfig.port, defaults.port);
  assert.equal(webConfig.host, "0.0.0.0");
  assert.equal(web.environment.DATABASE_URL, worker.environment.DATABASE_URL, "one database");
  assert.equal(web.environment.AUTH_SECRET, worker.environment.AUTH_SECRET, "one secret for sessions");
  const db = new URL(webConfig.databaseUrl as string);
  assert.equal(db.hostname, "postgres");
  assert.equal(db.username, postgres.environment.POSTGRES_USER);
  assert.equal(db.pathname.slice(1), postgres.environment.POSTGRES_DB);
  assert.equal(workerConfig.databaseUrl, webConfig.databaseUrl);

  assert.ok(web.ports.includes(`${webConfig.port}:${webConfig.port}`), `ports ${web.ports}`);
  assert.ok(web.ports.includes(`${webConfig.smtpPort}:${webConfig.smtpPort}`), "SMTP intake published");
  const check = (web.healthcheck.test as string[]).join(" ");
  assert.ok(check.includes(`127.0.0.1:${webConfig.port}${READY_PATH}`), check);
  assert.equal(worker.healthcheck?.disable, true, "a worker has no HTTP probe to answer");
  assert.equal(web.depends_on.postgres.condition, "service_healthy");
  assert.deepEqual(web.volumes, worker.volumes, "uploaded files are shared");
});

test("main.ts knows the --web and --worker flags compose uses (and refuses both at once)", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["server/src/main.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
      timeout: 60_000,
    });
  const both = run(["--web", "--worker"]);
  assert.equal(both.status, 64, both.stderr);
  assert.match(both.stderr, /Use --web or --worker, not both/);
  const unknown = run(["--webb"]);
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /Unknown option '--webb'/);
});
