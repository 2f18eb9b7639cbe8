import type { AgentProfile } from "../../src/team/types.js";

/**
 * The kinds of request a turn can be. The generator writes each turn for one mode; the router never
 * sees the mode, only the text (through a real mind: intent, plan depth, challenge…) and its topics.
 */
export const MODES = ["teach", "research", "debug", "review", "write"] as const;
export type Mode = (typeof MODES)[number];

/**
 * Topics (slugs of the mind's vocabulary) and terms a person uses for them: BASIC terms (what a
 * newcomer says) and ADVANCED ones (what a practitioner names). Every term must map to its topic in
 * the shared vocabulary (checked in generator.test.ts) and must carry no intent cue of its own
 * (no "error", "flaky", "migrating"…), so a message's intent comes from its template only.
 */
export const TOPICS: Record<string, { basic: readonly string[]; advanced: readonly string[] }> = {
  "fine-tuning": {
    basic: ["lora", "fine-tuning", "training run", "base model", "lora adapter"],
    advanced: ["lora rank", "dpo", "catastrophic forgetting", "gradient checkpointing", "reward model"],
  },
  "machine-learning": {
    basic: ["neural network", "overfitting", "gradient descent", "embeddings", "loss function"],
    advanced: ["self-attention", "weight decay", "batch normalization", "vanishing gradients", "positional encoding"],
  },
  "llm-inference": {
    basic: ["quantization", "gguf", "vllm", "context window", "vram"],
    advanced: ["kv cache", "speculative decoding", "continuous batching", "prefix caching", "paged attention"],
  },
  python: {
    basic: ["pandas", "numpy", "virtualenv", "django", "jupyter notebook"],
    advanced: ["asyncio", "global interpreter lock", "metaclass", "context manager", "descriptor protocol"],
  },
  statistics: {
    basic: ["p-value", "confidence interval", "correlation coefficient", "a/b test", "standard deviation"],
    advanced: ["credible interval", "heteroscedasticity", "power analysis", "bonferroni correction", "mcmc"],
  },
  databases: {
    basic: ["postgres", "sql", "foreign key", "read replica", "connection pool"],
    advanced: ["mvcc", "query planner", "isolation level", "b-tree", "covering index"],
  },
  infrastructure: {
    basic: ["kubernetes", "docker", "terraform", "helm chart", "load balancer"],
    advanced: ["statefulset", "service mesh", "readiness probe", "horizontal pod autoscaler", "node affinity"],
  },
  observability: {
    basic: ["prometheus", "grafana", "distributed tracing", "alerting", "log aggregation"],
    advanced: ["slo", "promql", "tail sampling", "burn rate alert", "high cardinality"],
  },
  security: {
    basic: ["oauth", "jwt", "xss", "csrf", "tls"],
    advanced: ["threat model", "ssrf", "privilege escalation", "mtls", "key rotation"],
  },
  testing: {
    basic: ["unit tests", "integration tests", "pytest", "test coverage", "test suite"],
    advanced: ["property-based testing", "mutation testing", "contract testing", "test doubles", "fuzzing"],
  },
  writing: {
    basic: ["copywriting", "brand voice", "active voice", "topic sentence", "editorial calendar"],
    advanced: ["inverted pyramid", "line editing", "developmental editing", "parallel structure", "nut graf"],
  },
  "product-management": {
    basic: ["product roadmap", "user stories", "okrs", "acceptance criteria", "product backlog"],
    advanced: ["jobs to be done", "rice scoring", "north star metric", "kano model", "opportunity solution tree"],
  },
};
export const TOPIC_NAMES = Object.keys(TOPICS);

export interface Archetype {
  profile: AgentProfile;
  /** How well this kind of agent serves each mode, before per-seed jitter (hidden from the router). */
  fit: Record<Mode, number>;
}

/**
 * The team. Declared skills are written the way people write them (tool names, loose phrases), so the
 * router's fuzzy/vocabulary matching is exercised; whether the claims are true is decided per seed.
 */
export const ARCHETYPES: readonly Archetype[] = [
  {
    profile: {
      id: "tutor",
      name: "Tess",
      role: "patient tutor who explains concepts to newcomers step by step",
      skills: ["lora", "neural networks", "pandas", "a/b testing"],
    },
    fit: { teach: 1, research: 0.55, debug: 0.5, review: 0.45, write: 0.6 },
  },
  {
    profile: {
      id: "reviewer",
      name: "Rex",
      role: "reviewer who critiques designs and code and challenges assumptions",
      skills: ["code-review", "oauth", "pytest", "postgres"],
    },
    fit: { teach: 0.45, research: 0.6, debug: 0.6, review: 1, write: 0.5 },
  },
  {
    profile: {
      id: "researcher",
      name: "Rae",
      role: "research scientist who explores papers, alternatives and new ideas",
      skills: ["quantization", "machine learning", "LoRA fine tuning", "statistics"],
    },
    fit: { teach: 0.55, research: 1, debug: 0.45, review: 0.6, write: 0.5 },
  },
  {
    profile: {
      id: "ops",
      name: "Oz",
      role: "on-call SRE who debugs production incidents",
      skills: ["kubernetes", "prometheus", "postgres", "incident response"],
    },
    fit: { teach: 0.35, research: 0.45, debug: 1, review: 0.55, write: 0.35 },
  },
  {
    profile: {
      id: "writer",
      name: "Wren",
      role: "writer who drafts docs, announcements and pitches",
      skills: ["copywriting", "product roadmap", "docs"],
    },
    fit: { teach: 0.6, research: 0.5, debug: 0.3, review: 0.55, write: 1 },
  },
];
