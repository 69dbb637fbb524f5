import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { collectOrphanedFiles } from "../../cases/orphaned-files.ts";

/**
 * Lesson videos: sniffed uploads, a size limit from configuration, uploads that cannot break a
 * lesson, range streaming for players, captions, and who may watch.
 */
let server: TestServer;
let agent: TestClient;
let other: TestClient;
let learner: TestClient;
let learnerEmail: string;
const A = "/api/v1/academy";
const MAX = 64 * 1024;

before(async () => {
  server = await startTestServer({
    env: { ACADEMY_VIDEO_MAX_BYTES: String(MAX), ACADEMY_EMBED_HOSTS: "videos.example.com,www.youtube.com" },
  });
  await setUpWorkspace(server);
  agent = (await staffClient(server, "agent")).client;
  other = (await otherWorkspace(server)).client;
  ({ client: learner, email: learnerEmail } = await customerClient(server));
});
after(() => server.close());

/** An MP4 as file-type sees one (an ISO BMFF "ftyp" box with the isom brand), padded with bytes to stream. */
function mp4(fill: number, size = 4000) {
  const head = Buffer.from("00000018667479706973736f6d0000000069736f6d6d703431", "hex");
  return Buffer.concat([head, Buffer.alloc(size - head.length, fill)]);
}
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function videoLesson(state: "draft" | "published" | "archived" = "draft") {
  const c = await agent.post(`${A}/courses`, { title: "Speakers on video", state });
  const m = await agent.post(`${A}/courses/${c.body.id}/modules`, { title: "Watch" });
  const l = await agent.post(`${A}/modules/${m.body.id}/lessons`, {
    title: "Pairing",
    kind: "video",
    captionsVtt: "WEBVTT\n\n00:00.000 --> 00:02.000\nHold the button",
  });
  assert.equal(l.status, 201, JSON.stringify(l.body));
  return { courseId: c.body.id as string, lessonId: l.body.id as string };
}

async function upload(
  client: TestClient,
  path: string,
  bytes: Buffer,
  name = "pairing.mp4",
  type = "video/mp4",
) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    body: form,
    headers: { origin: server.url, ...client.authHeaders() },
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function stream(client: TestClient, lessonId: string, range?: string) {
  const res = await fetch(`${server.url}${A}/lessons/${lessonId}/video`, {
    headers: { ...client.authHeaders(), ...(range && { range }) },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("video upload", () => {
  test("an MP4 is stored and streamed whole, with Accept-Ranges", async () => {
    const { lessonId } = await videoLesson();
    const video = mp4(7);
    const up = await upload(agent, `${A}/lessons/${lessonId}/video`, video);
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal(up.body.videoMime, "video/mp4");
    assert.equal(up.body.videoBytes, video.length);
    assert.equal(up.body.videoUrl, `${A}/lessons/${lessonId}/video`);
    const got = await stream(agent, lessonId);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get("accept-ranges"), "bytes");
    assert.equal(got.headers.get("content-type"), "video/mp4");
    assert.deepEqual(got.bytes, video);
  });

  test("a text file named .mp4 is refused naming file, and the old video stays", async () => {
    const { lessonId } = await videoLesson();
    const first = mp4(1);
    assert.equal((await upload(agent, `${A}/lessons/${lessonId}/video`, first)).status, 200);
    const fake = await upload(
      agent,
      `${A}/lessons/${lessonId}/video`,
      Buffer.from("just some text, honestly\n".repeat(20)),
    );
    assert.equal(fake.status, 422, JSON.stringify(fake.body));
    assert.equal(fake.body.error.field, "file");
    const png = await upload(agent, `${A}/lessons/${lessonId}/video`, PNG, "sneaky.mp4");
    assert.equal(png.status, 422);
    assert.match(png.body.error.message, /image\/png/);
    assert.deepEqual((await stream(agent, lessonId)).bytes, first, "the old video still plays");
  });

  test("a video over ACADEMY_VIDEO_MAX_BYTES is 413 naming file; the old one stays", async () => {
    const { lessonId } = await videoLesson();
    const first = mp4(2);
    await upload(agent, `${A}/lessons/${lessonId}/video`, first);
    const big = await upload(agent, `${A}/lessons/${lessonId}/video`, mp4(3, MAX + 10));
    assert.equal(big.status, 413, JSON.stringify(big.body));
    assert.equal(big.body.error.field, "file");
    assert.deepEqual((await stream(agent, lessonId)).bytes, first);
  });

  test("an upload cut off mid-way leaves the lesson as it was", async () => {
    const { lessonId } = await videoLesson();
    const first = mp4(4);
    await upload(agent, `${A}/lessons/${lessonId}/video`, first);
    // A form whose bytes stop before the closing boundary, as when a connection drops.
    const boundary = "----cutoff";
    const partial = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="new.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
      ),
      mp4(5, 3000),
    ]);
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        const headers = [
          `POST ${A}/lessons/${lessonId}/video HTTP/1.1`,
          `Host: ${url.host}`,
          `Origin: ${server.url}`,
          ...Object.entries(agent.authHeaders()).map(([k, v]) => `${k}: ${v}`),
          `Content-Type: multipart/form-data; boundary=${boundary}`,
          `Content-Length: ${partial.length + 5000}`,
          "Connection: close",
          "",
          "",
        ].join("\r\n");
        socket.write(headers);
        socket.write(partial);
        // Then the client goes away without sending the rest.
        setTimeout(() => socket.end(), 200);
      });
      let reply = "";
      socket.on("data", (d) => {
        reply += d.toString();
      });
      socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 0)));
      socket.on("error", reject);
    });
    assert.notEqual(status, 200, "a cut-off upload is never accepted");
    const after = await agent.get(`${A}/lessons/${lessonId}`);
    assert.equal(after.body.videoBytes, first.length);
    assert.deepEqual((await stream(agent, lessonId)).bytes, first);
  });

  test("only video lessons take videos; only authors upload; other workspaces get 404", async () => {
    const { lessonId } = await videoLesson();
    assert.equal((await upload(learner, `${A}/lessons/${lessonId}/video`, mp4(6))).status, 403);
    assert.equal((await upload(other, `${A}/lessons/${lessonId}/video`, mp4(6))).status, 404);
    const c = await agent.post(`${A}/courses`, { title: "Text only" });
    const m = await agent.post(`${A}/courses/${c.body.id}/modules`, { title: "M" });
    const t = await agent.post(`${A}/modules/${m.body.id}/lessons`, { title: "T", kind: "text" });
    const res = await upload(agent, `${A}/lessons/${t.body.id}/video`, mp4(6));
    assert.equal(res.status, 422);
    assert.equal(res.body.error.field, "file");
  });
});

describe("range streaming", () => {
  test("206 with Content-Range for ranges, suffix ranges and open ends; 416 past the end", async () => {
    const { lessonId } = await videoLesson();
    const video = mp4(9, 1000);
    await upload(agent, `${A}/lessons/${lessonId}/video`, video);
    const first = await stream(agent, lessonId, "bytes=0-99");
    assert.equal(first.status, 206);
    assert.equal(first.headers.get("content-range"), "bytes 0-99/1000");
    assert.equal(first.headers.get("content-length"), "100");
    assert.deepEqual(first.bytes, video.subarray(0, 100));
    const tail = await stream(agent, lessonId, "bytes=-10");
    assert.equal(tail.headers.get("content-range"), "bytes 990-999/1000");
    assert.deepEqual(tail.bytes, video.subarray(990));
    const open = await stream(agent, lessonId, "bytes=900-");
    assert.equal(open.headers.get("content-range"), "bytes 900-999/1000");
    assert.equal(open.bytes.length, 100);
    const clipped = await stream(agent, lessonId, "bytes=950-5000");
    assert.equal(clipped.headers.get("content-range"), "bytes 950-999/1000");
    const past = await stream(agent, lessonId, "bytes=1000-1010");
    assert.equal(past.status, 416);
    assert.equal(past.headers.get("content-range"), "bytes */1000");
    const junk = await stream(agent, lessonId, "pages=1-2");
    assert.equal(junk.status, 200, "a range in another unit is ignored");
    assert.equal(junk.bytes.length, 1000);
  });

  test("customers watch published courses only; captions follow the same rule", async () => {
    const draft = await videoLesson("draft");
    const published = await videoLesson("published");
    await upload(agent, `${A}/lessons/${draft.lessonId}/video`, mp4(1));
    await upload(agent, `${A}/lessons/${published.lessonId}/video`, mp4(2));
    assert.equal((await stream(learner, draft.lessonId)).status, 404, "drafts stay hidden");
    assert.equal((await stream(learner, published.lessonId, "bytes=0-9")).status, 206);
    assert.equal((await stream(other, published.lessonId)).status, 404);
    const anon = await fetch(`${server.url}${A}/lessons/${published.lessonId}/video`);
    assert.equal(anon.status, 401);

    const vtt = await fetch(`${server.url}${A}/lessons/${published.lessonId}/captions.vtt`, {
      headers: learner.authHeaders(),
    });
    assert.equal(vtt.status, 200);
    assert.match(vtt.headers.get("content-type") ?? "", /^text\/vtt/);
    assert.match(await vtt.text(), /^WEBVTT\n\n00:00.000 --> 00:02.000\nHold the button/);
    const hidden = await fetch(`${server.url}${A}/lessons/${draft.lessonId}/captions.vtt`, {
      headers: learner.authHeaders(),
    });
    assert.equal(hidden.status, 404);

    // Archived: only learners already enrolled keep watching.
    await agent.patch(`${A}/courses/${published.courseId}`, { state: "archived" });
    assert.equal((await stream(learner, published.lessonId)).status, 404, "not enrolled");
    await server.runtime.ctx.pool.query(
      `insert into academy_enrollments (workspace_id, course_id, customer_id)
       select c.workspace_id, $1, c.id from customers c join auth."user" u on u.id = c.user_id where u.email = $2`,
      [published.courseId, learnerEmail],
    );
    assert.equal(
      (await stream(learner, published.lessonId)).status,
      200,
      "enrolled learners keep their course",
    );
  });
});

describe("covers", () => {
  test("a sniffed picture becomes the cover; anything else is 422 naming file", async () => {
    const c = await agent.post(`${A}/courses`, { title: "With a cover" });
    const bad = await upload(
      agent,
      `${A}/courses/${c.body.id}/cover`,
      Buffer.from("<svg onload=alert(1)>"),
      "x.png",
      "image/png",
    );
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, "file");
    const ok = await upload(agent, `${A}/courses/${c.body.id}/cover`, PNG, "cover.png", "image/png");
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const got = await fetch(`${server.url}${ok.body.coverUrl}`, { headers: agent.authHeaders() });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), PNG);
    const learnerSees = await fetch(`${server.url}${ok.body.coverUrl}`, { headers: learner.authHeaders() });
    assert.equal(learnerSees.status, 404, "a draft's cover is not shown to customers");
  });
});

describe("stored files", () => {
  test("the orphaned-file collector keeps lesson videos and covers, and takes a replaced video's file", async () => {
    const { courseId, lessonId } = await videoLesson();
    const first = mp4(11);
    await upload(agent, `${A}/lessons/${lessonId}/video`, first);
    const firstKey = (
      await server.runtime.ctx.pool.query(
        "select video_storage_key as k from academy_lessons where id = $1",
        [lessonId],
      )
    ).rows[0].k as string;
    const second = mp4(12);
    await upload(agent, `${A}/lessons/${lessonId}/video`, second);
    await upload(agent, `${A}/courses/${courseId}/cover`, PNG, "cover.png", "image/png");
    await collectOrphanedFiles(server.runtime.ctx, {
      graceHours: 1,
      now: new Date(Date.now() + 48 * 3_600_000),
    });
    assert.deepEqual(
      (await stream(agent, lessonId)).bytes,
      second,
      "the lesson's video survives the collector",
    );
    const cover = await fetch(`${server.url}${A}/courses/${courseId}/cover`, {
      headers: agent.authHeaders(),
    });
    assert.equal(cover.status, 200, "so does the cover");
    await assert.rejects(server.runtime.ctx.files.read(firstKey), "the replaced video's file is gone");
  });
});

describe("embed hosts", () => {
  test("ACADEMY_EMBED_HOSTS replaces the default list", async () => {
    const c = await agent.post(`${A}/courses`, { title: "Own video host" });
    const m = await agent.post(`${A}/courses/${c.body.id}/modules`, { title: "M" });
    const post = (url: string) =>
      agent.post(`${A}/modules/${m.body.id}/lessons`, { title: "V", kind: "video", videoEmbedUrl: url });
    assert.equal((await post("https://videos.example.com/embed/1")).status, 201);
    assert.equal((await post("https://www.youtube.com/embed/1")).status, 201);
    const vimeo = await post("https://player.vimeo.com/video/1");
    assert.equal(vimeo.status, 422, "not on this install's list");
    assert.equal(vimeo.body.error.field, "videoEmbedUrl");
  });
});

describe("pictures in lesson text", () => {
  test("a sniffed picture gives markdown; learners see it once the course is published", async () => {
    const c = await agent.post(`${A}/courses`, { title: "Pictured" });
    const bad = await upload(
      agent,
      `${A}/courses/${c.body.id}/images`,
      Buffer.from("not a picture at all, just words"),
      "x.gif",
      "image/gif",
    );
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, "file");
    const up = await upload(agent, `${A}/courses/${c.body.id}/images`, PNG, "back panel.png", "image/png");
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.match(up.body.url, /^\/api\/v1\/academy\/images\/[0-9a-f-]{36}$/);
    assert.equal(up.body.markdown, `![back panel](${up.body.url})`);
    const m = await agent.post(`${A}/courses/${c.body.id}/modules`, { title: "M" });
    await agent.post(`${A}/modules/${m.body.id}/lessons`, {
      title: "T",
      kind: "text",
      bodyMd: `Look:\n\n${up.body.markdown}`,
    });
    const preview = await agent.get(`${A}/courses/${c.body.id}/preview`);
    assert.ok(
      preview.body.modules[0].lessons[0].bodyHtml.includes(`<img src="${up.body.url}" alt="back panel"`),
    );

    const get = (client: TestClient) =>
      fetch(`${server.url}${up.body.url}`, { headers: client.authHeaders() });
    const staffSees = await get(agent);
    assert.equal(staffSees.status, 200);
    assert.equal(staffSees.headers.get("content-type"), "image/png");
    assert.equal((await get(learner)).status, 404, "not while the course is a draft");
    assert.equal((await get(other)).status, 404);
    await agent.patch(`${A}/courses/${c.body.id}`, { state: "published" });
    assert.equal((await get(learner)).status, 200);
    await collectOrphanedFiles(server.runtime.ctx, {
      graceHours: 1,
      now: new Date(Date.now() + 48 * 3_600_000),
    });
    assert.equal((await get(learner)).status, 200, "the collector keeps lesson pictures");
  });
});
