import type { Mode } from "./team.js";

/**
 * Message templates per mode, written as people write to a team assistant. `{a}` and `{b}` are two
 * different terms of the turn's topic (basic terms for newcomers, mostly advanced ones for experts).
 * `novice`/`expert` templates are only used by people at that level; `any` by both.
 */
export const PHRASES: Record<Mode, { any: readonly string[]; novice: readonly string[]; expert: readonly string[] }> = {
  teach: {
    any: [],
    novice: [
      "I'm new to this. Can you explain what {a} is and why people use it?",
      "Sorry if this is basic, but how does {a} work? I'm a bit lost.",
      "I never really understood {a}. Can you walk me through it in plain english?",
      "What is {a}? My team keeps mentioning {b} and I don't get it.",
      "Can you help me understand {a}? I'm a total beginner.",
      "ELI5 please: what's the difference between {a} and {b}?",
    ],
    expert: [],
  },
  research: {
    any: [
      "Brainstorming: what are some alternatives to {a} for our project? Open to wild ideas.",
      "What if we combined {a} with {b}? Curious what possibilities that opens up.",
      "Any thoughts on new directions for {a}? I'd like to explore options beyond {b}.",
      "Thinking out loud about {a} here, what are some ways we could push it further?",
    ],
    novice: [],
    expert: [
      "How does {a} actually work under the hood, compared to {b}? I want the details.",
      "I know {b} well, but what's the idea behind {a}? Happy to dig into papers.",
      "Curious about the latest work on {a}: how does it interact with {b}?",
    ],
  },
  debug: {
    any: [
      "Our {a} setup keeps failing since this morning and I have no idea why.",
      "{A} is broken after the upgrade: it times out every few minutes. Where would you look?",
      "Getting this error with {a}, can you help me fix it?\n```\nError: {b} failed: connection reset\n```",
      "Something's wrong with {a}: {b} returns the wrong result after my change.",
      "{A} stopped working overnight and {b} hangs. Any idea why?",
    ],
    novice: [],
    expert: [],
  },
  review: {
    any: [
      "Should we go with {a} or {b} for the new service? What are the trade-offs?",
      "I want to convince the team to adopt {a}. Poke holes in my argument.",
      "Is it worth switching to {a}? I'm torn between that and keeping {b}.",
      "We're deciding between {a} and {b} this week. Which would you pick, and why?",
      "Here's my plan: we replace {b} with {a} next sprint. Everyone knows it's better, right?",
    ],
    novice: [],
    expert: [],
  },
  write: {
    any: [
      "Can you draft a short announcement to the team about our move to {a}?",
      "Help me write a README section that introduces {a} to new hires.",
      "Write an email to stakeholders summarizing why we adopted {a} over {b}.",
      "Draft a blog post about what we learned using {a}.",
      "Can you write a one-page doc for the wiki describing our {a} conventions?",
    ],
    novice: [],
    expert: [],
  },
};
