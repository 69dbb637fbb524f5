import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { A, agent, course, lesson, mod, other, q, refused, withAuthoringServer } from "./courses.testkit.ts";

/** Reordering a course: all at once, strictly, and safe against racing changes. */
withAuthoringServer();

describe("reorder", () => {
  test("the full nested order is applied at once, lessons moving between modules", async () => {
    const c = await course({ title: "Reordered" });
    const m1 = await mod(c.id, "One");
    const m2 = await mod(c.id, "Two");
    const a = await lesson(m1.id, { title: "A", kind: "text" });
    const b = await lesson(m1.id, { title: "B", kind: "text" });
    const d = await lesson(m2.id, { title: "D", kind: "text" });
    const res = await agent.put(`${A}/courses/${c.id}/order`, {
      modules: [
        { id: m2.id, lessons: [b.id, d.id] },
        { id: m1.id, lessons: [a.id] },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const shape = (body: any) => body.modules.map((m: any) => [m.title, m.lessons.map((l: any) => l.title)]);
    assert.deepEqual(shape(res.body), [
      ["Two", ["B", "D"]],
      ["One", ["A"]],
    ]);
    assert.deepEqual(shape((await agent.get(`${A}/courses/${c.id}`)).body), shape(res.body));
  });

  test("a list that does not name exactly the course's modules and lessons is 422 and changes nothing", async () => {
    const c = await course({ title: "Strict order" });
    const m1 = await mod(c.id, "One");
    const m2 = await mod(c.id, "Two");
    const a = await lesson(m1.id, { title: "A", kind: "text" });
    const b = await lesson(m2.id, { title: "B", kind: "text" });
    const elsewhere = await lesson((await mod((await course({ title: "Elsewhere" })).id)).id, {
      title: "X",
      kind: "text",
    });
    const before = (await agent.get(`${A}/courses/${c.id}`)).body;
    const put = (modules: unknown) => agent.put(`${A}/courses/${c.id}/order`, { modules });
    refused(await put([{ id: m1.id, lessons: [a.id, b.id] }]), 422, "modules");
    refused(
      await put([
        { id: m1.id, lessons: [a.id] },
        { id: m2.id, lessons: [] },
      ]),
      422,
      "modules",
    );
    refused(
      await put([
        { id: m1.id, lessons: [a.id, a.id] },
        { id: m2.id, lessons: [b.id] },
      ]),
      422,
      "modules.0.lessons.1",
    );
    refused(
      await put([
        { id: m1.id, lessons: [a.id, elsewhere.id] },
        { id: m2.id, lessons: [b.id] },
      ]),
      422,
      "modules.0.lessons.1",
    );
    refused(
      await put([
        { id: m1.id, lessons: [a.id] },
        { id: m1.id, lessons: [b.id] },
      ]),
      422,
      "modules.1.id",
    );
    refused(await put([{ id: m1.id, lessons: ["nope"] }]), 400, "modules.0.lessons.0");
    assert.deepEqual((await agent.get(`${A}/courses/${c.id}`)).body.modules, before.modules);
    assert.equal((await other.put(`${A}/courses/${c.id}/order`, { modules: [] })).status, 404);
  });
});

describe("concurrent changes", () => {
  test("reorders racing each other and a new lesson leave every lesson once, in consecutive positions", async () => {
    const c = await course({ title: "Raced" });
    const m1 = await mod(c.id, "One");
    const m2 = await mod(c.id, "Two");
    const ids: string[] = [];
    for (const t of ["A", "B", "C", "D"]) ids.push((await lesson(m1.id, { title: t, kind: "text" })).id);
    const [a, b, cc, d] = ids as [string, string, string, string];
    const results = await Promise.all([
      agent.put(`${A}/courses/${c.id}/order`, {
        modules: [
          { id: m1.id, lessons: [d, cc, b, a] },
          { id: m2.id, lessons: [] },
        ],
      }),
      agent.put(`${A}/courses/${c.id}/order`, {
        modules: [
          { id: m2.id, lessons: [a, b] },
          { id: m1.id, lessons: [cc, d] },
        ],
      }),
      agent.post(`${A}/modules/${m2.id}/lessons`, { title: "E", kind: "text" }),
    ]);
    // Each command either applied whole or was refused because the course had changed under it.
    for (const r of results) assert.ok([200, 201, 422].includes(r.status), JSON.stringify(r.body));
    const { rows } = await q(
      "select module_id, array_agg(position order by position) as p, count(*)::int as n from academy_lessons where course_id = $1 group by module_id",
      [c.id],
    );
    const total = rows.reduce((s, r) => s + r.n, 0);
    assert.equal(total, results[2]?.status === 201 ? 5 : 4);
    for (const r of rows)
      assert.deepEqual(r.p, [...Array(r.n).keys()], "positions stay 0..n-1 in each module");
  });
});
