import { randomBytes } from "node:crypto";
import type { Role } from "../../contracts/accounts.ts";
import { createStaffMember } from "../src/modules/accounts/accounts.service.ts";
import { findActorForUser, insertMembership } from "../src/modules/accounts/memberships.repo.ts";
import { createApiToken } from "../src/modules/accounts/tokens.service.ts";
import { findUserByEmail, insertUser, setPassword } from "../src/modules/accounts/users.repo.ts";
import { insertWorkspace } from "../src/modules/workspaces/workspaces.repo.ts";
import { permissionsOf } from "../src/platform/auth/permissions.ts";
import { TenantScope } from "../src/platform/db/tenant.ts";
import { TestClient } from "./client.ts";
import { eventually, type TestServer } from "./harness.ts";

/** Test data factories. They write through the services/repos; tests then act over HTTP. */
export const PASSWORD = "correct-horse-battery";

export const uniqueEmail = (prefix = "person") => `${prefix}-${randomBytes(4).toString("hex")}@example.test`;

/** Completes first-run setup through the API and returns a signed-in admin client. */
export async function setUpWorkspace(server: TestServer, workspaceName = "Acme Audio") {
  const email = uniqueEmail("admin");
  const client = new TestClient(server.url);
  const res = await client.post("/api/v1/setup", {
    workspaceName,
    name: "Ada Admin",
    email,
    password: PASSWORD,
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  await signIn(client, email);
  return { admin: client, adminEmail: email, workspaceId: res.body.workspace.id as string };
}

export async function signIn(client: TestClient, email: string, password = PASSWORD) {
  const res = await client.post("/api/auth/sign-in/email", { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/**
 * A staff member in the install's (first) workspace, calling with an API token made directly
 * (sign-in itself is tested in auth.test.ts, and its rate limit would throttle factories).
 */
export async function staffClient(server: TestServer, role: Role = "agent") {
  const email = uniqueEmail(role);
  const ctx = server.runtime.ctx;
  await createStaffMember(ctx, { email, name: `Test ${role}`, password: PASSWORD, role });
  const user = await findUserByEmail(ctx.db, email);
  const actor = await findActorForUser(ctx.db, user?.id ?? "", undefined);
  if (!actor) throw new Error("staff member not found");
  const { token } = await createApiToken(
    ctx,
    { ...actor, via: "token", permissions: permissionsOf(actor.role) },
    "factory",
  );
  return { client: new TestClient(server.url, { token }), email };
}

/** A second, separate workspace with its own admin, for tenancy tests. */
export async function otherWorkspace(server: TestServer) {
  const { db } = server.runtime.ctx;
  const email = uniqueEmail("other-admin");
  await db.transaction().execute(async (tx) => {
    const ws = await insertWorkspace(tx, "Other Co");
    const user = await insertUser(tx, { email, name: "Olga Other" });
    await setPassword(tx, user.id, PASSWORD);
    await insertMembership(new TenantScope(tx, ws.id), user.id, "admin");
  });
  return { client: await signIn(new TestClient(server.url), email), email };
}

/**
 * Two workspaces with a case each, for the fence tests: a deliberately unscoped query must see
 * `mine` or `theirs` only. Returns both ids and the first workspace's admin.
 */
export async function twoWorkspacesWithACase(server: TestServer, name: string) {
  const a = await setUpWorkspace(server);
  const b = await otherWorkspace(server);
  for (const client of [a.admin, b.client]) {
    const cu = await client.post("/api/v1/customers", { name });
    if (cu.status !== 201) throw new Error(`customer not created: ${cu.status} ${JSON.stringify(cu.body)}`);
    const kase = await client.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Whose?",
      message: "Hi.",
    });
    if (kase.status !== 201) throw new Error(`case not created: ${kase.status} ${JSON.stringify(kase.body)}`);
  }
  const theirs = await server.runtime.ctx.db
    .selectFrom("workspaces")
    .select("id")
    .where("id", "<>", a.workspaceId)
    .executeTakeFirstOrThrow();
  return { mine: a.workspaceId, theirs: theirs.id, admin: a.admin };
}

/** Signs a customer in the way a person would: request a link, read it from the log, open it. */
export async function customerClient(server: TestServer, email = uniqueEmail("customer")) {
  const client = new TestClient(server.url);
  const res = await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  if (res.status !== 200) throw new Error(`link request failed: ${res.status} ${JSON.stringify(res.body)}`);
  const link = await eventually(() => magicLinkFor(server, email));
  const opened = await client.get(new URL(link).pathname + new URL(link).search);
  if (opened.status !== 302)
    throw new Error(`link did not sign in: ${opened.status} ${JSON.stringify(opened.body)}`);
  return { client, email, link };
}

export function magicLinkFor(server: TestServer, email: string): string | undefined {
  const line = [...server.logs].reverse().find((l) => l.msg === "magic link" && l.email === email);
  return line?.url as string | undefined;
}
