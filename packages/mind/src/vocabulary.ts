/**
 * Topics and the terms that show someone works in them. Starts from a seed lexicon and grows from what
 * people say: a jargon-looking word that keeps appearing next to a topic's terms becomes a term of that
 * topic, and one that keeps appearing on its own becomes a topic of its own. One vocabulary is shared by
 * every mind of a process (minds stay small); it serializes for persistence.
 */

const SEED: Record<string, string[]> = {
  "llm-inference": [
    "kv cache",
    "kv-cache",
    "quantization",
    "quantized",
    "gguf",
    "llama.cpp",
    "vllm",
    "speculative decoding",
    "prefill",
    "decode",
    "tokens per second",
    "context window",
    "batching",
    "flash attention",
    "paged attention",
    "inference",
  ],
  "fine-tuning": [
    "lora",
    "qlora",
    "fine-tune",
    "fine-tuning",
    "finetune",
    "adapter",
    "adapters",
    "peft",
    "rlhf",
    "dpo",
    "sft",
    "instruction tuning",
    "catastrophic forgetting",
  ],
  "machine-learning": [
    "gradient descent",
    "learning rate",
    "backprop",
    "backpropagation",
    "embedding",
    "embeddings",
    "transformer",
    "attention",
    "overfitting",
    "regularization",
    "loss function",
    "cross-entropy",
    "softmax",
    "epoch",
    "batch size",
    "optimizer",
    "adam",
    "dropout",
    "logits",
    "tensor",
  ],
  performance: [
    "latency budget",
    "latency",
    "p99",
    "p95",
    "throughput",
    "profiling",
    "flame graph",
    "hot path",
    "cache miss",
    "benchmark",
    "tail latency",
    "cpu-bound",
    "memory-bound",
    "allocation",
  ],
  infrastructure: [
    "kubernetes",
    "k8s",
    "terraform",
    "docker",
    "container",
    "helm",
    "load balancer",
    "ingress",
    "autoscaling",
    "pod",
    "pods",
    "node pool",
    "vpc",
    "ci/cd",
    "pipeline",
    "ansible",
    "service mesh",
  ],
  "distributed-systems": [
    "idempotent",
    "idempotency",
    "consensus",
    "raft",
    "paxos",
    "eventual consistency",
    "linearizability",
    "partition tolerance",
    "quorum",
    "leader election",
    "vector clock",
    "crdt",
    "exactly-once",
    "at-least-once",
    "backpressure",
    "sharding",
  ],
  databases: [
    "sql",
    "postgres",
    "postgresql",
    "mysql",
    "index",
    "indexes",
    "foreign key",
    "b-tree",
    "query plan",
    "transaction",
    "isolation level",
    "deadlock",
    "migration",
    "schema",
    "join",
    "normalization",
    "neo4j",
    "cypher",
    "orm",
    "vacuum",
  ],
  programming: [
    "typescript",
    "javascript",
    "python",
    "rust",
    "generics",
    "closure",
    "race condition",
    "mutex",
    "regex",
    "async",
    "await",
    "promise",
    "callback",
    "refactor",
    "type inference",
    "null pointer",
    "stack trace",
    "segfault",
    "memory leak",
    "garbage collection",
  ],
  algorithms: [
    "big-o",
    "big o",
    "dynamic programming",
    "recursion",
    "hash map",
    "hashmap",
    "binary search",
    "graph traversal",
    "dijkstra",
    "heap",
    "complexity",
    "memoization",
    "bfs",
    "dfs",
    "sorting",
  ],
  security: [
    "xss",
    "csrf",
    "sql injection",
    "oauth",
    "jwt",
    "tls",
    "certificate",
    "encryption",
    "hashing",
    "salt",
    "rbac",
    "least privilege",
    "cve",
    "penetration test",
    "threat model",
  ],
  frontend: [
    "react",
    "css",
    "flexbox",
    "dom",
    "hydration",
    "ssr",
    "vite",
    "webpack",
    "component",
    "state management",
    "redux",
    "accessibility",
    "a11y",
    "responsive",
  ],
  networking: [
    "tcp",
    "udp",
    "dns",
    "http/2",
    "websocket",
    "socket",
    "packet loss",
    "bandwidth",
    "nat",
    "subnet",
    "tls handshake",
    "round trip",
    "mtu",
  ],
  statistics: [
    "p-value",
    "confidence interval",
    "regression",
    "variance",
    "standard deviation",
    "bayesian",
    "prior",
    "posterior",
    "hypothesis test",
    "a/b test",
    "sample size",
    "correlation",
    "statistical significance",
  ],
  finance: [
    "cash flow",
    "ebitda",
    "balance sheet",
    "revenue recognition",
    "amortization",
    "depreciation",
    "arr",
    "churn",
    "unit economics",
    "cap table",
    "valuation",
    "gross margin",
  ],
  "product-management": [
    "roadmap",
    "okr",
    "okrs",
    "user story",
    "backlog",
    "prioritization",
    "mvp",
    "product-market fit",
    "north star metric",
    "stakeholder",
    "discovery",
    "sprint",
  ],
  design: [
    "wireframe",
    "figma",
    "typography",
    "kerning",
    "user research",
    "usability test",
    "affordance",
    "design system",
    "visual hierarchy",
    "prototype",
  ],
  legal: [
    "gdpr",
    "liability",
    "indemnification",
    "nda",
    "intellectual property",
    "licensing",
    "copyleft",
    "terms of service",
    "compliance",
    "data processing agreement",
  ],
  billing: [
    "invoice",
    "invoicing",
    "proration",
    "subscription",
    "billing",
    "payment intent",
    "stripe",
    "chargeback",
    "dunning",
    "metered billing",
  ],
  writing: [
    "thesis statement",
    "topic sentence",
    "active voice",
    "narrative",
    "outline",
    "draft",
    "copyediting",
    "tone of voice",
  ],
  git: [
    "git",
    "commit",
    "branch",
    "merge",
    "rebase",
    "cherry-pick",
    "reflog",
    "detached head",
    "pull request",
    "merge conflict",
    "stash",
    "interactive rebase",
    "submodule",
    "bisect",
    "fast-forward",
  ],
  concurrency: [
    "thread",
    "threads",
    "deadlock",
    "race condition",
    "mutex",
    "semaphore",
    "lock-free",
    "atomic",
    "thread pool",
    "event loop",
    "async",
    "coroutine",
    "memory model",
    "compare-and-swap",
    "livelock",
    "contention",
  ],
  investing: [
    "index fund",
    "etf",
    "etfs",
    "portfolio",
    "dividend",
    "bond",
    "bonds",
    "expense ratio",
    "asset allocation",
    "rebalancing",
    "compound interest",
    "capital gains",
    "401k",
    "ira",
    "sharpe ratio",
    "dollar-cost averaging",
  ],
  "llm-apps": [
    "rag",
    "retrieval",
    "vector database",
    "vector store",
    "prompt",
    "prompt engineering",
    "system prompt",
    "agent",
    "agents",
    "tool calling",
    "function calling",
    "chunking",
    "reranker",
    "hallucination",
    "eval",
    "evals",
    "langchain",
    "context length",
  ],
  biology: [
    "crispr",
    "protein folding",
    "gene expression",
    "mitochondria",
    "enzyme",
    "pcr",
    "rna",
    "dna sequencing",
    "cell culture",
  ],
};

/** A candidate term must look like jargon: digits, caps, joiners, or a known technical suffix. */
const JARGON =
  /^(?=.{3,40}$)(?:[a-z]+[0-9][a-z0-9]*|[a-z0-9]+(?:[-_.][a-z0-9]+)+|[a-z]+(?:ization|isation|ability|ency|ism|ometry|ology|ware|ops|ql))$/;
const PROMOTE_COUNT = 3;
const PROMOTE_SHARE = 0.6;
const OWN_TOPIC_COUNT = 5;
const MAX_CANDIDATES = 5_000;

interface Candidate {
  total: number;
  byTopic: Record<string, number>;
}

export interface VocabularyJSON {
  version: 1;
  learned: [term: string, topic: string][];
  candidates: [term: string, total: number, byTopic: Record<string, number>][];
}

/** Splits text into lowercase word tokens, keeping in-word joiners (kv-cache, llama.cpp, ci/cd). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:[-_./+#][a-z0-9]+)*/g) ?? [];
}

export class Vocabulary {
  readonly #terms = new Map<string, string>();
  readonly #learned = new Map<string, string>();
  readonly #candidates = new Map<string, Candidate>();
  /** First words of multi-word terms: only these start an n-gram lookup (keeps matching allocation-free). */
  readonly #prefixes = new Set<string>();
  #maxWords = 1;

  constructor(seed: Record<string, string[]> = SEED) {
    for (const [topic, terms] of Object.entries(seed)) for (const term of terms) this.#add(term, topic);
  }

  #add(term: string, topic: string) {
    const key = tokenize(term).join(" ");
    if (!key) return;
    this.#terms.set(key, topic);
    const words = key.split(" ");
    if (words.length > 1) this.#prefixes.add(words[0] as string);
    this.#maxWords = Math.max(this.#maxWords, words.length);
  }

  get size(): number {
    return this.#terms.size;
  }

  topicOf(term: string): string | undefined {
    return this.#terms.get(tokenize(term).join(" "));
  }

  /** Every topic mentioned in `tokens`, with the terms that showed it (longest match first). */
  match(tokens: readonly string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const note = (topic: string, key: string) => {
      const list = found.get(topic);
      if (!list) found.set(topic, [key]);
      else if (!list.includes(key)) list.push(key);
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      let matched = 0;
      if (this.#prefixes.has(token)) {
        for (let n = Math.min(this.#maxWords, tokens.length - i); n >= 2 && matched === 0; n--) {
          const key = tokens.slice(i, i + n).join(" ");
          const topic = this.#terms.get(key);
          if (topic) {
            note(topic, key);
            matched = n;
          }
        }
      }
      if (matched === 0) {
        const topic = this.#terms.get(token);
        if (topic) note(topic, token);
      } else {
        i += matched - 1;
      }
    }
    return found;
  }

  /**
   * Learns from a person's own words: unknown jargon-like tokens are counted against the topics
   * matched in the same message; enough consistent co-occurrence promotes them. Returns new terms.
   */
  learn(tokens: readonly string[], topics: Iterable<string>): string[] {
    const topicList = [...topics];
    const promoted: string[] = [];
    for (const token of new Set(tokens)) {
      if (this.#terms.has(token) || !JARGON.test(token)) continue;
      let c = this.#candidates.get(token);
      if (!c) {
        if (this.#candidates.size >= MAX_CANDIDATES) continue;
        c = { total: 0, byTopic: {} };
        this.#candidates.set(token, c);
      }
      c.total += 1;
      for (const t of topicList) c.byTopic[t] = (c.byTopic[t] ?? 0) + 1;
      const [bestTopic, bestCount] = Object.entries(c.byTopic).reduce<[string, number]>(
        (best, cur) => (cur[1] > best[1] ? cur : best),
        ["", 0],
      );
      const topic =
        bestCount >= PROMOTE_COUNT && bestCount / c.total >= PROMOTE_SHARE
          ? bestTopic
          : c.total >= OWN_TOPIC_COUNT && bestCount === 0
            ? token
            : undefined;
      if (topic) {
        this.#add(token, topic);
        this.#learned.set(token, topic);
        this.#candidates.delete(token);
        promoted.push(token);
      }
    }
    return promoted;
  }

  toJSON(): VocabularyJSON {
    return {
      version: 1,
      learned: [...this.#learned],
      candidates: [...this.#candidates].map(([term, c]) => [term, c.total, c.byTopic]),
    };
  }

  /** Restores learned terms on top of the seed lexicon. */
  static fromJSON(json: VocabularyJSON): Vocabulary {
    const vocabulary = new Vocabulary();
    for (const [term, topic] of json.learned) {
      vocabulary.#add(term, topic);
      vocabulary.#learned.set(term, topic);
    }
    for (const [term, total, byTopic] of json.candidates) vocabulary.#candidates.set(term, { total, byTopic });
    return vocabulary;
  }
}

/** The process-wide vocabulary minds use unless given another. */
export const sharedVocabulary = new Vocabulary();
