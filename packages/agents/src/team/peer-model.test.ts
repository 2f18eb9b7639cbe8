import { describe, expect, it } from "vitest";
import { codeOf, testPlan } from "../testing/index.js";
import {
  declaredContextMatch,
  declaredTopicMatch,
  forgetPersonInState,
  normalizeKey,
  PeerModel,
  TeamModels,
} from "./peer-model.js";
import type { AgentProfile } from "./types.js";

const T0 = "2025-03-01T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const tutor: AgentProfile = { id: "tutor", name: "Tess", role: "tutor who explains ML concepts", skills: ["lora"] };
const reviewer: AgentProfile = {
  id: "reviewer",
  name: "Rex",
  role: "reviews code and challenges designs",
  skills: ["code-review", "lora-fine-tuning"],
};

describe("declared skill matching", () => {
  it("matches slugs fuzzily and through the vocabulary", () => {
    expect(declaredTopicMatch({ skills: ["lora-fine-tuning"], topic: "lora-fine-tuning" })).toBe(1);
    // "lora" is a fine-tuning term in the mind's vocabulary.
    expect(declaredTopicMatch({ skills: ["lora"], topic: "fine-tuning" })).toBeCloseTo(0.9);
    expect(declaredTopicMatch({ skills: ["lora"], topic: "lora-fine-tuning" })).toBeCloseTo(0.8);
    expect(declaredTopicMatch({ skills: ["LoRA fine tuning"], topic: "lora" })).toBeCloseTo(0.8);
    expect(declaredTopicMatch({ skills: ["kubernetes"], topic: "infrastructure" })).toBeCloseTo(0.9);
    expect(declaredTopicMatch({ skills: ["copywriting"], topic: "databases" })).toBe(0);
  });

  it("reads context fit from role words", () => {
    expect(declaredContextMatch({ profile: reviewer, key: "plan:challenge" })).toBeGreaterThan(0.5);
    expect(declaredContextMatch({ profile: tutor, key: "depth:overview" })).toBeGreaterThan(0.5);
    expect(declaredContextMatch({ profile: tutor, key: "plan:challenge" })).toBe(0);
    expect(declaredContextMatch({ profile: tutor, key: "unknown:key" })).toBe(0);
    // A mixed intent claims the mean of its parts.
    const mixed = declaredContextMatch({ profile: reviewer, key: "intent:decide+learn" });
    expect(mixed).toBeGreaterThan(0);
    expect(mixed).toBeLessThan(declaredContextMatch({ profile: reviewer, key: "intent:decide" }));
  });

  it("normalizes keys so spellings meet", () => {
    expect(normalizeKey("LoRA Fine_Tuning")).toBe("lora-fine-tuning");
    expect(normalizeKey("intent:Decide+Learn")).toBe("intent:decide+learn");
    expect(normalizeKey("Fine tuning|intent:learn")).toBe("fine-tuning|intent:learn");
    expect(normalizeKey("intent:learn&depth:overview")).toBe("intent:learn&depth:overview");
  });
});

describe("PeerModel", () => {
  it("starts from a weak prior seeded by declared skills", () => {
    const m = PeerModel.create({ observerId: "router", subject: tutor });
    const claimed = m.skill("fine-tuning");
    const unclaimed = m.skill("databases");
    expect(claimed.mean).toBeGreaterThan(unclaimed.mean);
    expect(claimed.confidence).toBe(0);
    expect(claimed.declared).toBeCloseTo(0.9);
    expect(m.reliability().mean).toBeCloseTo(0.6);
    expect(m.trust()).toBeCloseTo(0.6);
  });

  it("moves skill and reliability toward outcomes, and a few outcomes outweigh the declared prior", () => {
    const m = PeerModel.create({ observerId: "router", subject: tutor });
    const before = m.skill("fine-tuning");
    for (let i = 0; i < 5; i++) m.recordOutcome({ kind: "corrected", topic: "fine-tuning", at: at(i) });
    const after = m.skill("fine-tuning");
    expect(after.mean).toBeLessThan(before.mean);
    expect(after.confidence).toBeGreaterThan(0.5);
    // Claimed but repeatedly corrected now ranks below a topic it never claimed.
    expect(after.mean).toBeLessThan(m.skill("databases").mean);
    expect(m.reliability().mean).toBeLessThan(0.6);

    const good = PeerModel.create({ observerId: "router", subject: tutor });
    for (let i = 0; i < 5; i++)
      good.recordOutcome({ kind: "accepted", topic: ["fine-tuning", "intent:learn"], at: at(i) });
    expect(good.skill("fine-tuning").mean).toBeGreaterThan(before.mean);
    expect(good.skill("intent:learn").mean).toBeGreaterThan(0.7);
    expect(good.reliability().mean).toBeGreaterThan(0.8);
    // Topic spelling is normalized: "Fine tuning" is the same key.
    expect(good.skill("Fine tuning").evidence).toBe(5);
    expect(good.evidence("fine-tuning")).toEqual({ successes: 5, failures: 0 });
    expect(good.evidence("databases")).toEqual({ successes: 0, failures: 0 });
    // The prior is what the profile claims, whatever the evidence.
    expect(good.prior("fine-tuning")).toEqual(m.prior("fine-tuning"));
    expect(good.prior("intent:learn&depth:overview").mean).toBeGreaterThan(good.prior("intent:debug").mean);
  });

  it("combines reliability and handoff success into trust", () => {
    const m = PeerModel.create({ observerId: "tutor", subject: reviewer });
    for (let i = 0; i < 4; i++) m.recordOutcome({ kind: "handoff-failed", at: at(i) });
    const afterFailedHandoffs = m.trust();
    expect(afterFailedHandoffs).toBeLessThan(0.6);
    expect(m.reliability().mean).toBeCloseTo(0.6);
    expect(m.handoffSuccess().mean).toBeLessThan(0.3);
    for (let i = 0; i < 8; i++) m.recordOutcome({ kind: "accepted", at: at(10 + i) });
    expect(m.trust()).toBeGreaterThan(afterFailedHandoffs);
    expect(m.trust()).toBeLessThan(m.reliability().mean);
  });

  it("forgets old outcomes with the configured half-life", () => {
    const m = PeerModel.create({ observerId: "router", subject: tutor, options: { outcomeHalfLifeDays: 30 } });
    for (let i = 0; i < 8; i++) m.recordOutcome({ kind: "corrected", topic: "fine-tuning", at: at(i) });
    expect(m.skill("fine-tuning").evidence).toBeCloseTo(8);
    m.recordOutcome({ kind: "accepted", topic: "python", at: at(60 * 24 * 60 + 7) });
    expect(m.skill("fine-tuning").evidence).toBeCloseTo(2, 1);
  });

  it("tracks load with explicit time", () => {
    const m = PeerModel.create({ observerId: "router", subject: tutor, options: { loadHalfLifeMinutes: 30 } });
    expect(m.load(T0).score).toBe(0);
    for (let i = 0; i < 4; i++) m.recordAssigned({ at: T0 });
    const busy = m.load(T0);
    expect(busy.open).toBe(4);
    expect(busy.recent).toBe(4);
    expect(m.load(at(30)).recent).toBeCloseTo(2);
    expect(m.load(at(30)).score).toBeLessThan(busy.score);
    // Reading is pure: asking about a later time did not decay the stored state.
    expect(m.load(T0).recent).toBe(4);
    for (let i = 0; i < 6; i++) m.recordFinished({ at: at(60) });
    expect(m.load(at(60)).open).toBe(0);
    expect(m.load(at(60)).recent).toBeCloseTo(1);
    expect(codeOf(() => m.load("yesterday"))).toBe("invalid-payload");
  });

  it("keeps second-order beliefs: what the subject believes about a person", () => {
    const m = PeerModel.create({ observerId: "tutor", subject: reviewer });
    m.recordBeliefsAbout({
      personId: "ada",
      beliefs: [{ dimension: "knowledge", key: "fine-tuning", mean: 0.9, confidence: 0.7 }],
      source: "handoff",
      at: at(5),
    });
    // An older report does not overwrite a newer one.
    m.recordBeliefsAbout({
      personId: "ada",
      beliefs: [{ dimension: "knowledge", key: "fine-tuning", mean: 0.1, confidence: 0.7 }],
      source: "stated",
      at: at(1),
    });
    const [belief] = m.beliefsAbout("ada");
    expect(belief).toMatchObject({
      observerId: "tutor",
      holderId: "reviewer",
      subjectId: "ada",
      key: "fine-tuning",
      mean: 0.9,
      source: "handoff",
    });
    expect(m.beliefsAbout("bob")).toEqual([]);

    const plan = testPlan({ depth: "expert" });
    m.recordObservedReply({ personId: "bob", plan, topics: ["databases"], at: at(6) });
    expect(m.beliefsAbout("bob")[0]).toMatchObject({ key: "databases", source: "observed-reply" });
    expect(m.beliefsAbout("bob")[0]?.mean).toBeGreaterThan(0.7);
    expect(m.people()).toEqual(["ada", "bob"]);

    // Seeing the same depth again teaches nothing: the model is untouched (no write is needed), and
    // the belief keeps the time it was first read. A different depth is news.
    const before = JSON.stringify(m.toJSON());
    expect(m.recordObservedReply({ personId: "ada", plan, topics: ["databases"], at: at(7) })).toHaveLength(1);
    const once = JSON.stringify(m.toJSON());
    expect(once).not.toBe(before);
    expect(m.recordObservedReply({ personId: "ada", plan, topics: ["databases"], at: at(8) })).toEqual([]);
    expect(JSON.stringify(m.toJSON())).toBe(once);
    const overview = m.recordObservedReply({
      personId: "ada",
      plan: { ...plan, depth: "overview" },
      topics: ["databases"],
      at: at(9),
    });
    expect(overview.map((b) => b.mean)).toEqual([0.2]);
  });

  it("explains itself", () => {
    const m = PeerModel.create({ observerId: "router", subject: tutor });
    expect(m.explain()).toContain("declared skills only");
    for (let i = 0; i < 6; i++) m.recordOutcome({ kind: "accepted", topic: "fine-tuning", at: at(i) });
    for (let i = 0; i < 6; i++) m.recordOutcome({ kind: "corrected", topic: "databases", at: at(10 + i) });
    const text = m.explain();
    expect(text).toMatch(/strong on fine-tuning/);
    expect(text).toMatch(/weak on databases/);
  });

  it("round-trips through JSON text", () => {
    const m = PeerModel.create({ observerId: "tutor", subject: reviewer, options: { capacity: 2 } });
    m.recordOutcome({ kind: "accepted", topic: ["code-review", "plan:challenge"], at: at(1) });
    m.recordOutcome({ kind: "corrected", topic: "fine-tuning", at: at(2) });
    m.recordOutcome({ kind: "handoff-succeeded", at: at(3) });
    m.recordAssigned({ at: at(4) });
    m.recordBeliefsAbout({
      personId: "ada",
      beliefs: [{ dimension: "preference", key: "verbosity", mean: 0.2, confidence: 0.5 }],
      source: "stated",
      at: at(5),
    });
    const restored = PeerModel.fromJSON(JSON.stringify(m));
    expect(restored.toJSON()).toEqual(m.toJSON());
    expect(restored.skill("code-review")).toEqual(m.skill("code-review"));
    expect(restored.trust()).toBe(m.trust());
    expect(restored.load(at(20))).toEqual(m.load(at(20)));
    expect(restored.beliefsAbout("ada")).toEqual(m.beliefsAbout("ada"));
    // Forgetting continues from the restored clock.
    restored.recordOutcome({ kind: "accepted", at: at(6) });
    m.recordOutcome({ kind: "accepted", at: at(6) });
    expect(restored.reliability()).toEqual(m.reliability());
  });

  it("forgets a person (erasure) and nothing else, in a model or in its stored text", () => {
    const m = PeerModel.create({ observerId: "tutor", subject: reviewer });
    m.recordOutcome({ kind: "accepted", topic: "code-review", at: at(1) });
    for (const personId of ["ada", "bob"]) {
      m.recordBeliefsAbout({
        personId,
        beliefs: [{ dimension: "knowledge", key: "lora", mean: 0.8, confidence: 0.5 }],
        source: "stated",
        at: at(2),
      });
    }
    const before = JSON.stringify(m);
    expect(forgetPersonInState({ state: before, personId: "cy" })).toBe(before); // nobody to forget
    const after = forgetPersonInState({ state: before, personId: "ada" });
    expect(after).not.toContain('"ada"');
    const restored = PeerModel.fromJSON(after);
    expect(restored.people()).toEqual(["bob"]);
    expect(restored.skill("code-review")).toEqual(m.skill("code-review"));
    // Not a peer model, or not JSON: left exactly as it was.
    for (const state of ['{"format":"attune.mind","subjectId":"ada"}', "not json"]) {
      expect(forgetPersonInState({ state, personId: "ada" })).toBe(state);
    }
    expect(m.forgetPerson("ada")).toBe(1);
    expect(m.forgetPerson("ada")).toBe(0);
  });

  it("rejects bad JSON with invalid-payload", () => {
    expect(codeOf(() => PeerModel.fromJSON("{not json"))).toBe("invalid-payload");
    expect(codeOf(() => PeerModel.fromJSON({ format: "attune.mind" }))).toBe("invalid-payload");
    const json = PeerModel.create({ observerId: "a", subject: tutor }).toJSON();
    expect(codeOf(() => PeerModel.fromJSON({ ...json, reliability: { s: -1, f: 0 } }))).toBe("invalid-payload");
    expect(codeOf(() => PeerModel.fromJSON({ ...json, subject: { id: "" } }))).toBe("invalid-payload");
    expect(codeOf(() => PeerModel.create({ observerId: "", subject: tutor }))).toBe("invalid-payload");
  });
});

describe("TeamModels", () => {
  it("creates models lazily, keeps them, and round-trips", () => {
    const team = TeamModels.create({ profiles: [tutor, reviewer] });
    expect(team.has("tutor", "reviewer")).toBe(false);
    const m = team.get("tutor", "reviewer");
    expect(team.get("tutor", "reviewer")).toBe(m);
    expect(m.observerId).toBe("tutor");
    expect(m.subjectId).toBe("reviewer");
    expect(codeOf(() => team.get("tutor", "ghost"))).toBe("not-found");
    expect([...team.forObserver("tutor").keys()]).toEqual(["reviewer"]);
    expect([...team.forObserver("router").keys()]).toEqual(["tutor", "reviewer"]);

    m.recordOutcome({ kind: "corrected", topic: "code-review", at: T0 });
    const restored = TeamModels.fromJSON(JSON.stringify(team));
    expect(restored.toJSON()).toEqual(team.toJSON());
    expect(restored.get("tutor", "reviewer").skill("code-review")).toEqual(m.skill("code-review"));
    expect(codeOf(() => TeamModels.fromJSON({ format: "attune.team-models", version: 2 }))).toBe("invalid-payload");
  });

  it("keeps learned evidence when a profile changes, while the prior follows the new claims", () => {
    const team = TeamModels.create({ profiles: [tutor] });
    const m = team.get("router", "tutor");
    m.recordOutcome({ kind: "accepted", topic: "databases", at: T0 });
    const before = m.skill("databases");
    team.upsertProfile({ ...tutor, skills: ["lora", "postgres"] });
    const after = m.skill("databases");
    expect(after.evidence).toBe(before.evidence);
    expect(after.declared).toBeGreaterThan(before.declared);
    expect(after.mean).toBeGreaterThan(before.mean);
  });
});
