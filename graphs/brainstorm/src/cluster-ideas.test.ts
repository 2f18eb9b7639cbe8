import { describe, expect, it } from "vitest";
import { clusterIdeas } from "./cluster-ideas.js";
import { extractIdeas } from "./extract-ideas.js";
import type { BrainstormMessage } from "./state.js";
import { EXPECTED_CLUSTERS, MESSAGES } from "./testing/brainstorm-session.js";

describe("clusterIdeas", () => {
  const { ideas } = extractIdeas({ messages: MESSAGES });

  it("finds exactly the themes, with labels, topics and authors", () => {
    const clusters = clusterIdeas({ ideas });
    expect(clusters.map((c) => c.ideaIds)).toEqual(EXPECTED_CLUSTERS);
    expect(clusters.map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(clusters.map((c) => c.topic)).toEqual([null, "billing", "infrastructure"]);
    expect(clusters.map((c) => c.authorIds)).toEqual([
      ["ada", "ben"],
      ["ben", "cal"],
      ["dee", "eve"],
    ]);
    expect(clusters[0]?.label).toContain("onboarding");
    expect(clusters[1]?.label.split(", ").sort()).toEqual(["cache", "page", "pricing"]);
    expect(clusters[2]?.label.split(", ").slice(0, 2).sort()).toEqual(["kubernetes", "pod"]);
  });

  it("is deterministic and independent of the order ideas arrive in", () => {
    const forward = clusterIdeas({ ideas }).map((c) => [...c.ideaIds].sort());
    const backward = clusterIdeas({ ideas: [...ideas].reverse() }).map((c) => [...c.ideaIds].sort());
    const key = (p: string[][]) => p.map((g) => g.join(",")).sort();
    expect(key(backward)).toEqual(key(forward));
    expect(clusterIdeas({ ideas })).toEqual(clusterIdeas({ ideas }));
  });

  it("never merges ideas that share nothing, and a higher threshold splits more", () => {
    expect(clusterIdeas({ ideas, threshold: 0 }).map((c) => c.ideaIds)).toEqual(EXPECTED_CLUSTERS);
    // The onboarding videos share only "onboarding" with the guide and the buddy: the first to split off.
    expect(clusterIdeas({ ideas, threshold: 0.15 }).map((c) => c.ideaIds)).toEqual([
      ["m1#1", "m2#1"],
      ["m1#2"],
      ["m2#2", "m4#1"],
      ["m5#1", "m6#1"],
    ]);
    expect(clusterIdeas({ ideas, threshold: 0.99 })).toHaveLength(ideas.length);
    expect(clusterIdeas({ ideas: [] })).toEqual([]);
  });

  it("groups by vocabulary topic when the words differ (kafka and rabbitmq are both messaging)", () => {
    const m = (id: string, text: string): BrainstormMessage => ({
      id,
      authorId: id,
      authorName: id,
      authorKind: "person",
      text,
      createdAt: "2030-01-07T09:00:00.000Z",
    });
    const { ideas: mixed } = extractIdeas({
      messages: [
        m("a", "Move the order events onto kafka topics"),
        m("b", "Put a rabbitmq broker between checkout and invoicing"),
        m("c", "Bake cookies for the Friday retro"),
      ],
    });
    const clusters = clusterIdeas({ ideas: mixed });
    expect(clusters.map((c) => c.ideaIds)).toEqual([["a#1", "b#1"], ["c#1"]]);
    expect(clusters[0]?.topic).toBe("distributed-systems");
  });
});
