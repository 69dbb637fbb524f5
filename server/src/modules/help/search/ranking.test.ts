import assert from "node:assert/strict";
import { test } from "node:test";
import {
  balancedMarks,
  fuseRankings,
  gapKey,
  holdoutBucket,
  inHoldout,
  MARK_END,
  MARK_START,
  queryWords,
  sameTopic,
  snippetHtml,
} from "./ranking.ts";

test("fusion: agreement beats one first place; the device boost reorders only matching articles", () => {
  assert.deepEqual(fuseRankings(["a", "b", "c"], ["b", "d"]).slice(0, 2), ["b", "a"]);
  assert.deepEqual(fuseRankings(["a", "b"], ["a", "b"], new Set(["b"])).slice(0, 2), ["b", "a"]);
  assert.ok(!fuseRankings(["a"], [], new Set(["z"])).includes("z"), "a boost never adds an article");
});

test("holdout: deterministic per workspace and session; a larger share only adds sessions", () => {
  assert.equal(holdoutBucket("w1", "session-abc"), holdoutBucket("w1", "session-abc"));
  const sessions = Array.from({ length: 2000 }, (_, i) => `s-${i}-xxxxxxx`);
  const at5 = sessions.filter((s) => inHoldout("w1", s, 5));
  const at20 = new Set(sessions.filter((s) => inHoldout("w1", s, 20)));
  assert.ok(at5.every((s) => at20.has(s)));
  assert.ok(at5.length > 50 && at5.length < 150, `${at5.length} of 2000 near 5 %`);
  assert.equal(sessions.filter((s) => inHoldout("w1", s, 0)).length, 0);
});

test("snippets: everything escaped, only our markers become <mark>", () => {
  const html = snippetHtml(
    `<script>x</script> ${MARK_START}update${MARK_END} <mark onclick="y">z</mark> [link](http://a)`,
  );
  assert.equal(
    html,
    "&lt;script&gt;x&lt;/script&gt; <mark>update</mark> &lt;mark onclick=&quot;y&quot;&gt;z&lt;/mark&gt; link",
  );
  assert.equal(balancedMarks("a <mark>b"), "a b");
  assert.equal(balancedMarks("<mark>b</mark>"), "<mark>b</mark>");
});

test("query words, gap keys and same-topic", () => {
  assert.deepEqual(queryWords("Wi-Fi wi-fi Überall!"), ["wi", "fi", "überall"]);
  assert.equal(gapKey("Router blinks red!"), gapKey("router blink red"));
  assert.ok(sameTopic("speaker firmware update fails", "Firmware update fails\nThe speaker update fails"));
  assert.ok(!sameTopic("factory reset router", "My subwoofer hums"));
  assert.ok(!sameTopic("the", "the"));
});
