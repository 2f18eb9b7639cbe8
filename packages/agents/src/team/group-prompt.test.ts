import { AIMessage, type HumanMessage, type SystemMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { buildReplyMessages } from "../reply-prompt.js";
import { testPlan } from "../testing/index.js";
import {
  buildGroupReplyMessages,
  LENGTH_TOKENS,
  replyOpening,
  replyTokenBudget,
  structurePrimer,
} from "./group-prompt.js";

const plan = testPlan;

const text = (m: { content: unknown }) => (typeof m.content === "string" ? m.content : "");

describe("buildGroupReplyMessages", () => {
  it("for one person is buildReplyMessages' prompt plus the agent's role, instructions and handoff", () => {
    const p = plan({ length: "brief", structure: "bullets" });
    const messages = buildGroupReplyMessages({
      agent: { name: "Tess", role: "tutor who explains ML", instructions: "Never invent citations." },
      addressees: [{ name: "Ada", plan: p, messages: ["what is LoRA?"] }],
      history: [],
      handoff: { fromName: "Rex", reason: "a concept question" },
    });
    const base = buildReplyMessages({
      assistantName: "Tess",
      personName: "Ada",
      plan: p,
      history: [],
      text: "what is LoRA?",
    });
    expect(messages).toHaveLength(base.length);
    expect(text(messages[0] as SystemMessage).startsWith(text(base[0] as SystemMessage))).toBe(true);
    expect(text(messages[0] as SystemMessage)).toContain("Your role: tutor who explains ML.");
    expect(text(messages[0] as SystemMessage)).toContain("Rex handed this over to you: a concept question");
    expect(text(messages[0] as SystemMessage)).toContain("Never invent citations.");
    expect(text(messages.at(-1) as HumanMessage)).toBe("what is LoRA?");
  });

  it("keeps attribution in the prompt: only the agent's own words are assistant messages", () => {
    const messages = buildGroupReplyMessages({
      agent: { name: "Tess" },
      addressees: [{ name: "Ada", plan: plan(), messages: ["and the rank?", "what about alpha?"] }],
      history: [
        { speaker: "person", name: "Bob", text: "LoRA is cheap" },
        { speaker: "agent", name: "Rex", text: "the diff looks fine" },
        { speaker: "self", name: "Tess", text: "LoRA adds a low-rank update" },
      ],
    });
    expect(messages.map((m) => m.getType())).toEqual(["system", "human", "human", "ai", "human", "human"]);
    expect(text(messages[1] as HumanMessage)).toBe("Bob: LoRA is cheap");
    expect(text(messages[2] as HumanMessage)).toBe("Rex (agent): the diff looks fine");
    expect(messages[3]).toBeInstanceOf(AIMessage);
    // Earlier unanswered messages of the person come first, labelled; the last one closes the prompt.
    expect(text(messages[4] as HumanMessage)).toBe("Ada: and the rank?");
    expect(text(messages[5] as HumanMessage)).toBe("what about alpha?");
  });

  it("addresses several people in one reply, each part following that person's plan", () => {
    const brief = plan({ length: "brief", depth: "expert", structure: "bullets" });
    const thorough = plan({ length: "thorough", depth: "overview", structure: "steps", examples: "concrete-first" });
    const messages = buildGroupReplyMessages({
      agent: { name: "Tess", role: "tutor" },
      addressees: [
        { name: "Ada", plan: brief, messages: ["LoRA rank for a 7B?"] },
        { name: "Bob", plan: thorough, messages: ["what is fine-tuning?", "sorry, new here"] },
      ],
      history: [{ speaker: "self", name: "Tess", text: "earlier answer" }],
    });
    const system = text(messages[0] as SystemMessage);
    expect(system).toContain("Answer each person in turn, in this order: Ada, then Bob.");
    const ada = system.slice(system.indexOf("For Ada:"), system.indexOf("For Bob:"));
    const bob = system.slice(system.indexOf("For Bob:"));
    expect(ada).toContain("at most three short sentences");
    expect(ada).toContain("bulleted list");
    expect(ada).not.toContain("numbered steps");
    expect(bob).toContain("Answer thoroughly");
    expect(bob).toContain("numbered steps");
    expect(bob).toContain("concrete example");
    expect(messages[1]).toBeInstanceOf(AIMessage);
    expect(text(messages.at(-1) as HumanMessage)).toBe(
      "Ada: LoRA rank for a 7B?\nBob: what is fine-tuning?\nBob: sorry, new here",
    );
  });

  it("opens the answer with the plan's structure when asked to prime the model", () => {
    const steps = plan({ structure: "steps" });
    const primed = buildGroupReplyMessages({
      agent: { name: "Tess" },
      addressees: [{ name: "Ada", plan: steps, messages: ["how?"] }],
      history: [],
      prime: true,
    });
    expect(primed.at(-1)).toBeInstanceOf(AIMessage);
    expect(replyOpening(primed)).toBe("1.");
    const plain = buildGroupReplyMessages({
      agent: { name: "Tess" },
      addressees: [{ name: "Ada", plan: steps, messages: ["how?"] }],
      history: [],
    });
    expect(replyOpening(plain)).toBe("");
    const group = buildGroupReplyMessages({
      agent: { name: "Tess" },
      addressees: [
        { name: "Ada", plan: steps, messages: ["how?"] },
        { name: "Bob", plan: plan(), messages: ["why?"] },
      ],
      history: [],
      prime: true,
    });
    expect(replyOpening(group)).toBe("Ada:");
    expect(structurePrimer({ plan: plan({ structure: "bullets" }) })).toBe("- ");
    expect(structurePrimer({ plan: plan({ structure: "code-first" }) })).toBe("```");
    expect(structurePrimer({ plan: plan({ structure: "prose" }) })).toBeUndefined();
    expect(structurePrimer({ plan: plan({ structure: "steps", askClarifyingQuestion: true }) })).toBeUndefined();
  });

  it("needs someone to answer", () => {
    expect(() => buildGroupReplyMessages({ agent: { name: "Tess" }, addressees: [], history: [] })).toThrow();
  });
});

describe("replyTokenBudget", () => {
  it("follows the planned length, summed over a group reply", () => {
    expect(replyTokenBudget({ plans: [plan({ length: "brief" })] })).toBe(LENGTH_TOKENS.brief);
    expect(replyTokenBudget({ plans: [plan({ length: "thorough" })] })).toBeGreaterThan(
      3 * replyTokenBudget({ plans: [plan({ length: "brief" })] }),
    );
    expect(replyTokenBudget({ plans: [plan({ length: "brief" }), plan({ length: "standard" })] })).toBe(
      LENGTH_TOKENS.brief + LENGTH_TOKENS.standard,
    );
    expect(
      replyTokenBudget({ plans: [plan({ length: "brief" })], budgets: { brief: 5, standard: 6, thorough: 7 } }),
    ).toBe(5);
  });
});
