import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { problemText } from "./clean.ts";

describe("problemText", () => {
  test("greetings, closings, signatures and quotes go; the problem stays", () => {
    assert.equal(problemText("Hi, the printer is offline. Thanks, Jim"), "the printer is offline.");
    assert.equal(problemText("Hello team,\nMy router reboots.\nKind regards,\nPriya"), "My router reboots.");
    assert.equal(
      problemText("Good morning. Sync fails with 0x80070005! Sent from my iPhone"),
      "Sync fails with 0x80070005!",
    );
    assert.equal(
      problemText("Dear support, I hope you are well. Refund missing.\n-- \nACME Ltd"),
      "Refund missing.",
    );
    assert.equal(problemText("App crashes\n> On Monday you wrote: try again"), "App crashes");
  });

  test("words inside the message are never removed, and an all-pleasantry message is kept", () => {
    assert.equal(
      problemText("Thanks to the update my speaker is silent"),
      "Thanks to the update my speaker is silent",
    );
    assert.equal(
      problemText("The best speaker I had, but it hisses"),
      "The best speaker I had, but it hisses",
    );
    assert.equal(problemText("Thanks!"), "Thanks!");
    assert.equal(problemText("Thanks for the help, but it hisses"), "Thanks for the help, but it hisses");
  });
});
