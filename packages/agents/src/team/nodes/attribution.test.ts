import { createMind, perceive } from "@attune/mind";
import { describe, expect, it } from "vitest";
import { attributeText } from "./attribution.js";

const names = ["Bob", "Carol", "Tess"];

describe("attributeText", () => {
  it("quotes what someone else said after 'X said:', anywhere in a line", () => {
    const out = attributeText({
      text: "I talked to Bob and he said: I'm totally lost with kubernetes.\ncan you help?",
      names,
    });
    expect(out.text).toBe("I talked to Bob and he said:\n> I'm totally lost with kubernetes.\ncan you help?");
    expect(out.relayed).toEqual([{ speaker: "Bob", text: "I'm totally lost with kubernetes." }]);
    expect(attributeText({ text: "my manager wrote: ship it today", names }).relayed).toEqual([
      { text: "ship it today" },
    ]);
  });

  it("quotes 'Bob said that …' for members, to the end of the line", () => {
    const out = attributeText({ text: "Bob said that the LoRA rank must be 64\nis that right?", names });
    expect(out.text).toBe("Bob said that\n> the LoRA rank must be 64\nis that right?");
    expect(out.relayed[0]?.speaker).toBe("Bob");
  });

  it("treats several 'Name: …' lines as a pasted transcript, one as the author addressing someone", () => {
    const transcript = attributeText({ text: "Bob: prod is down\nCarol: I restarted the pods\nwhat now?", names });
    expect(transcript.text).toBe("> Bob: prod is down\n> Carol: I restarted the pods\nwhat now?");
    expect(transcript.relayed.map((r) => r.speaker)).toEqual(["Bob", "Carol"]);
    const address = attributeText({ text: "Tess: what is a LoRA adapter?", names });
    expect(address.text).toBe("Tess: what is a LoRA adapter?");
    expect(address.relayed).toEqual([]);
  });

  it("leaves quoted lines and ordinary text alone", () => {
    const text = "> Bob said: whatever\nI think we should shard by tenant";
    expect(attributeText({ text, names })).toEqual({ text, relayed: [] });
  });

  it("keeps relayed words out of the author's own words, so the mind never credits them", () => {
    const relayed = "Bob said: I'm so confused and frustrated with the kubernetes helm chart ingress";
    const own = perceive(attributeText({ text: relayed, names }).text).own;
    expect(own).not.toMatch(/confused|kubernetes/);
    const mind = createMind({ workspaceId: "w", observerId: "tess", subjectId: "carol" });
    const observation = mind.observe({
      messageId: "m1",
      speakerId: "carol",
      text: attributeText({ text: relayed, names }).text,
      at: "2026-01-01T09:00:00.000Z",
    });
    expect(observation.evidence.filter((e) => e.dimension === "knowledge" && e.key === "infrastructure")).toEqual([]);
    expect(observation.evidence.some((e) => e.key === "confused" && e.weight > 0)).toBe(false);
  });
});
