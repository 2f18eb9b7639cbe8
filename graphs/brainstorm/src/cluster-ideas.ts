import { stem, tokenize } from "./extract-ideas.js";
import type { Cluster, Idea } from "./state.js";

/** Ideas at most this similar (cosine of tf-idf vectors, average linkage) stay apart. */
export const DEFAULT_CLUSTER_THRESHOLD = 0.1;
/**
 * Weight of a shared vocabulary topic against a shared word: a topic says two ideas are about the
 * same field even when no word is shared ("kafka" and "rabbitmq").
 */
const TOPIC_WEIGHT = 2;
/** Ideas clustered per call; beyond it the pairwise work (O(n³)) is not worth it for one synthesis. */
const MAX_IDEAS = 300;

type Vector = Map<string, number>;

const cosine = (a: Vector, b: Vector) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
};

/**
 * Groups ideas by what they are about, deterministically: each idea is a tf-idf vector of its
 * content terms and vocabulary topics (so "kafka" and "rabbitmq" meet under distributed-systems),
 * and average-linkage agglomerative clustering merges the most similar groups while their
 * similarity exceeds `threshold`. Same ideas in, same clusters out: no embeddings, no sampling.
 * Clusters come in order of their first idea; each is labelled with its most shared words.
 *
 * @example
 * const clusters = clusterIdeas({ ideas }); // [{ id: "c1", label: "onboarding, hires", ideaIds: [...], … }]
 */
export function clusterIdeas(options: {
  ideas: readonly Idea[];
  /** @default DEFAULT_CLUSTER_THRESHOLD */
  threshold?: number;
}): Cluster[] {
  const ideas = options.ideas.slice(0, MAX_IDEAS);
  const threshold = options.threshold ?? DEFAULT_CLUSTER_THRESHOLD;
  const features = ideas.map((idea) => [...idea.terms, ...idea.topics.map((t) => `#${t}`)]);
  const df = new Map<string, number>();
  for (const f of features) for (const k of new Set(f)) df.set(k, (df.get(k) ?? 0) + 1);
  const n = ideas.length;
  const idf = (k: string) => Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1;
  const vectors: Vector[] = features.map(
    (f) => new Map(f.map((k) => [k, k.startsWith("#") ? TOPIC_WEIGHT * idf(k) : idf(k)])),
  );
  const sim = vectors.map((a) => vectors.map((b) => cosine(a, b)));

  // Each group holds idea indexes; merging keeps the lower index first so order stays stable.
  let groups: number[][] = ideas.map((_, i) => [i]);
  const linkage = (a: number[], b: number[]) => {
    let sum = 0;
    for (const i of a) for (const j of b) sum += sim[i]?.[j] ?? 0;
    return sum / (a.length * b.length);
  };
  for (;;) {
    let best = -1;
    let pair: [number, number] | null = null;
    for (let x = 0; x < groups.length; x++) {
      for (let y = x + 1; y < groups.length; y++) {
        const s = linkage(groups[x] ?? [], groups[y] ?? []);
        // Strictly greater: ties go to the earliest pair, so the result never depends on iteration quirks.
        if (s > best) {
          best = s;
          pair = [x, y];
        }
      }
    }
    if (!pair || best <= threshold) break;
    const [x, y] = pair;
    const merged = [...(groups[x] ?? []), ...(groups[y] ?? [])].sort((a, b) => a - b);
    groups = groups.filter((_, i) => i !== x && i !== y);
    groups.push(merged);
    groups.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  }

  return groups.map((group, index): Cluster => {
    const members = group.map((i) => ideas[i] as Idea);
    const weight = new Map<string, number>();
    for (const idea of members) for (const t of idea.terms) weight.set(t, (weight.get(t) ?? 0) + idf(t));
    const terms = [...weight.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([t]) => t);
    const topicCount = new Map<string, number>();
    for (const idea of members) for (const t of idea.topics) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
    const topic =
      [...topicCount.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t)[0] ?? null;
    const authorCount = new Map<string, number>();
    for (const idea of members) authorCount.set(idea.authorId, (authorCount.get(idea.authorId) ?? 0) + 1);
    // Map iteration is insertion order, i.e. who spoke first; the stable sort keeps it among equals.
    const authorIds = [...authorCount.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    return {
      id: `c${index + 1}`,
      label: terms
        .slice(0, 3)
        .map((t) => surfaceOf(t, members))
        .join(", "),
      terms,
      topic,
      ideaIds: members.map((i) => i.id),
      authorIds,
    };
  });
}

/** The word as people wrote it, for a stem (labels read "onboarding", not "onboard"). */
function surfaceOf(term: string, ideas: readonly Idea[]): string {
  for (const idea of ideas) {
    for (const token of tokenize(idea.text)) {
      for (const word of token.split(/[-_./+#]/)) if (stem(word) === term) return word;
    }
  }
  return term;
}
