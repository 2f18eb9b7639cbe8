import { describe, expect, it } from "vitest";
import { SEED, tokenize, Vocabulary } from "./vocabulary.js";

const vocabulary = new Vocabulary();
const topics = (text: string) => vocabulary.match(tokenize(text));

/** Everyday English a seed term must never be on its own (it would make everyone look technical). */
const STOPLIST = new Set(
  (
    "test tests build code data server file files model models state key table branch commit react join " +
    "prior attention regression consensus hydration pipeline network cloud cache app apps bug bugs deploy " +
    "design draft edit story plot voice tone market stock stocks bond bonds budget money price pricing plan " +
    "plans roadmap sprint team user users account login password email phone computer internet website " +
    "online update updates backup cell cells gene genes protein dna virus health body mind memory thread " +
    "threads lock locks queue stack heap tree graph loop function class object type types value values " +
    "error errors issue issues change changes release version feature features product service services " +
    "contract license policy privacy law legal sample mean average chart report analysis score " +
    "scores rate rates risk return returns yield growth train training learning agent agents prompt " +
    "prompts token tokens chat search vector ml pg ai peeking closures " +
    "pointers generics fixtures crud swagger nonce hilt jank flakiness backfill presto looker zookeeper " +
    "consul cassandra gil ragas seurat subplot subplots preregistration epoch mixup hyde colbert ligation " +
    "vagrant calico cilium pvc iam rightsizing spinnaker polonius pinning parallelism"
  ).split(" "),
);

describe("Vocabulary: hyphen and space spellings", () => {
  it("matches a hyphenated term written with spaces, and a spaced term written with hyphens", () => {
    expect(topics("we ran cross validation on it").get("machine-learning")).toEqual(["cross validation"]);
    expect(topics("we ran cross-validation on it").get("machine-learning")).toEqual(["cross-validation"]);
    for (const text of ["the write-ahead log", "the write ahead log", "the write-ahead-log", "the write ahead-log"]) {
      expect(topics(text).has("databases"), text).toBe(true);
    }
    expect(topics("blue green deployment with a canary release").get("devops")).toEqual([
      "blue green deployment",
      "canary release",
    ]);
    expect(topics("the cap-theorem says").has("distributed-systems")).toBe(true);
  });

  it("keeps the tier and the topic whatever the spelling", () => {
    for (const term of ["write-ahead log", "write ahead log", "write-ahead-log"]) {
      expect(vocabulary.topicOf(term)).toBe("databases");
      expect(vocabulary.isAdvanced(term)).toBe(true);
    }
    expect(vocabulary.topicOf("train test split")).toBe("machine-learning");
    expect(vocabulary.isAdvanced("kv cache")).toBe(true);
    expect(vocabulary.isAdvanced("kv-cache")).toBe(true);
  });

  it("reports each term once, spelled as in the text", () => {
    const text = "Cross-validation, then more cross validation and a holdout set";
    const terms = topics(text).get("machine-learning") ?? [];
    expect(terms).toEqual(["cross-validation", "holdout set"]);
    for (const term of terms) expect(text.toLowerCase()).toContain(term);
  });

  it("prefers the longest match across spellings", () => {
    expect(topics("a horizontal-pod autoscaler").get("infrastructure")).toEqual(["horizontal-pod autoscaler"]);
    expect(topics("tcp slow-start").get("networking")).toEqual(["tcp slow-start"]);
  });

  it("matches hyphen-only terms only as written", () => {
    expect(topics("exactly-once delivery over kafka").get("distributed-systems")).toContain("exactly-once");
    expect(topics("I tried it exactly once").size).toBe(0);
    expect(topics("call me at least once a week").size).toBe(0);
    expect(topics("the front end of my car is dented").size).toBe(0);
    expect(topics("front-end work").has("frontend")).toBe(true);
    expect(topics("we fine tuned the plan for the trip").size).toBe(0);
    expect(topics("stop the world, I want to get off").size).toBe(0);
  });

  it("keeps learned jargon to its own spelling", () => {
    const v = new Vocabulary({ t: ["postgres"] });
    for (let k = 0; k < 3; k++) v.learn(tokenize("zork-frob with postgres"), ["t"]);
    expect(v.topicOf("zork-frob")).toBe("t");
    expect(v.match(tokenize("zork frob")).size).toBe(0);
    const restored = Vocabulary.fromJSON(v.toJSON());
    expect(restored.match(tokenize("the zork-frob")).has("t")).toBe(true);
  });
});

describe("Vocabulary: seed lexicon", () => {
  it("puts every term in exactly one topic, whatever its spelling", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [topic, terms] of Object.entries(SEED)) {
      for (const raw of terms) {
        const key = tokenize(raw.replace(/^\^/, "")).join(" ").replaceAll("-", " ");
        const other = owner.get(key);
        if (other !== undefined && other !== topic) clashes.push(`${key}: ${other} / ${topic}`);
        owner.set(key, topic);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("has no empty or everyday-English terms", () => {
    const bad: string[] = [];
    for (const [topic, terms] of Object.entries(SEED)) {
      for (const raw of terms) {
        const words = tokenize(raw.replace(/^\^/, ""));
        if (words.length === 0 || (words.length === 1 && STOPLIST.has(words[0] as string)))
          bad.push(`${topic}: ${raw}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("covers every topic with both tiers", () => {
    expect(Object.keys(SEED)).toHaveLength(34);
    for (const [topic, terms] of Object.entries(SEED)) {
      const advanced = terms.filter((t) => t.startsWith("^")).length;
      expect(advanced, topic).toBeGreaterThanOrEqual(20);
      expect(terms.length - advanced, topic).toBeGreaterThanOrEqual(20);
    }
  });

  it.each([
    ["data leakage", "machine-learning", false],
    ["early stopping", "machine-learning", false],
    ["roc curve", "machine-learning", false],
    ["class imbalance", "machine-learning", false],
    ["batch norm", "machine-learning", false],
    ["covariate shift", "machine-learning", true],
    ["regression to the mean", "statistics", false],
    ["survivorship bias", "statistics", false],
    ["simpson's paradox", "statistics", false],
    ["sample ratio mismatch", "statistics", true],
    ["k8s", "infrastructure", false],
    ["crashloopbackoff", "infrastructure", true],
    ["seq scan", "databases", true],
    ["slow query log", "databases", false],
    ["dead letter queue", "distributed-systems", false],
    ["hedged requests", "distributed-systems", true],
    ["git rebase", "git", false],
    ["refspec", "git", true],
    ["useref", "frontend", false],
    ["aria-describedby", "accessibility", true],
    ["chunked prefill", "llm-inference", true],
    ["reciprocal rank fusion", "llm-apps", true],
    ["cost basis", "investing", false],
    ["prorated charges", "billing", true],
    ["in medias res", "writing", true],
    ["differential expression", "biology", true],
  ])("knows %s (%s, advanced: %s)", (term, topic, advanced) => {
    expect(vocabulary.topicOf(term)).toBe(topic);
    expect(vocabulary.isAdvanced(term)).toBe(advanced);
    expect(topics(`we talked about ${term} today`).has(topic)).toBe(true);
  });

  it("leaves everyday talk alone", () => {
    for (const text of [
      "add 5 ml of water and see page 12",
      "my net income went up after the raise",
      "we shared memories over dinner at one big table",
      "I need some pointers on my garden and the road closures",
      "Cassandra and Gil went for a quick grid search of the park",
    ]) {
      expect([...topics(text).keys()], text).toEqual([]);
    }
  });
});
