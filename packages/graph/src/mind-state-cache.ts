/**
 * Mind states this process wrote or read, by revision. Every write of `Mind.state` through a store
 * gives the node a new random `rev` (or clears it, for writers that do not track revisions), so a
 * reader that holds the text of a revision can ask Neo4j for the state only when the stored `rev`
 * differs: a team turn then reads a few ids instead of every participating mind's JSON (tens of
 * kilobytes). Revisions are random, never counters, so a mind deleted and created again can never
 * match an old entry, and a write by another process is always seen.
 *
 * One cache per Neo4j driver (`connection.driver`), shared by every store on it, so erasure can purge
 * what this process keeps of a workspace. Bounded by total characters; the entry used longest ago
 * goes first.
 */
export class MindStateCache {
  readonly #entries = new Map<string, { rev: string; state: string }>();
  #chars = 0;
  readonly maxChars: number;

  constructor(options: { maxChars: number }) {
    this.maxChars = options.maxChars;
  }

  /** The cached revision of a mind, if any (and marks it recently used). */
  get(workspaceId: string, mindId: string): { rev: string; state: string } | undefined {
    const key = keyOf(workspaceId, mindId);
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** Remembers the text of a mind at a revision (a null revision is not cacheable). */
  put(workspaceId: string, mindId: string, rev: string | null | undefined, state: string): void {
    const key = keyOf(workspaceId, mindId);
    this.#drop(key);
    if (typeof rev !== "string" || state.length > this.maxChars) return;
    this.#entries.set(key, { rev, state });
    this.#chars += state.length;
    while (this.#chars > this.maxChars) this.#drop(this.#entries.keys().next().value as string);
  }

  /** Forgets every mind of a workspace (erasure, a dropped workspace). */
  forgetWorkspace(workspaceId: string): void {
    const prefix = keyOf(workspaceId, "");
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#drop(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #drop(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#chars -= entry.state.length;
  }
}

const keyOf = (workspaceId: string, mindId: string) => `${workspaceId}\u0000${mindId}`;

/** About 64 MB of UTF-16 text: every mind of a few thousand active people. */
const DEFAULT_MAX_CHARS = 32_000_000;
const caches = new WeakMap<object, MindStateCache>();

/** The cache of the given driver (created on first use). */
export function mindStateCacheOf(driver: object): MindStateCache {
  let cache = caches.get(driver);
  if (!cache) {
    cache = new MindStateCache({ maxChars: DEFAULT_MAX_CHARS });
    caches.set(driver, cache);
  }
  return cache;
}
