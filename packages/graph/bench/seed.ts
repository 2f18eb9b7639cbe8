/**
 * A deterministic synthetic workspace for the scale benchmark: people in teams of varying size (some
 * exactly 20), topics whose popularity follows a Zipf law, collaboration / help / trust edges that
 * mostly stay inside teams, knowledge, preference and state beliefs held by agents about people, and a
 * few thousand channel messages. Everything is a lazy generator (rows are produced as the loader
 * consumes them) driven by seeded mulberry32 streams, so two runs with the same seed and scale load
 * the same graph, and any person's beliefs can be re-derived without keeping them in memory.
 *
 * At scale 1: 100,000 persons, 500 teams, 2,000 topics, ~1,000,000 relationships + beliefs.
 */
import type {
  BulkAgentInput,
  BulkBeliefInput,
  BulkChannelInput,
  BulkCollaborationInput,
  BulkHelpedInput,
  BulkMessageInput,
  BulkPersonInput,
  BulkTeamInput,
  BulkTeamMemberInput,
  BulkTopicInput,
  BulkTrustInput,
} from "../src/bulk-loader.js";

/** 32-bit FNV-1a. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 streams derived from a seed and labels (independent of how much another stream was used). */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  static of(seed: number, ...labels: (string | number)[]): Rng {
    return new Rng(hash32(`${seed}|${labels.join("|")}`));
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Samples indexes 0..n-1 with weight 1/(i+1)^s (Zipf): a few topics are very popular, most are rare. */
class Zipf {
  readonly #cdf: Float64Array;
  constructor(n: number, s: number) {
    this.#cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / (i + 1) ** s;
      this.#cdf[i] = sum;
    }
    for (let i = 0; i < n; i++) this.#cdf[i] = (this.#cdf[i] as number) / sum;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.#cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Linus", "Margaret"];
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Perlman",
  "Hamilton",
];
const ZONES = [
  "Europe/Paris",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Asia/Kolkata",
];
const TOPIC_WORDS = [
  "databases",
  "kubernetes",
  "rust",
  "typescript",
  "sql",
  "raft",
  "kv-cache",
  "lora",
  "graphql",
  "observability",
  "security",
  "networking",
  "compilers",
  "ml-ops",
  "frontend",
  "payments",
  "search",
  "caching",
  "queues",
  "testing",
];
const PREFERENCES = ["examples", "brevity", "depth", "structure", "code-first", "analogies"];
const STATES = ["rushed", "confused", "frustrated", "curious", "confident"];

const DAY = 86_400_000;
const EPOCH = Date.parse("2026-01-01T00:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

export interface SeedOptions {
  /** 1 = the full benchmark (100k persons); 0.1 for quick checks. @default 1 */
  scale?: number;
  /** @default 42 */
  seed?: number;
}

export interface SeedCounts {
  persons: number;
  agents: number;
  teams: number;
  topics: number;
  channels: number;
  teamMembers: number;
  collaborations: number;
  helped: number;
  trusts: number;
  beliefs: number;
  messages: number;
}

/** The generated workspace: row generators per kind plus what the measured calls need to pick inputs. */
export interface SeedWorkspace {
  scale: number;
  seed: number;
  counts: SeedCounts;
  /** Rows of all kinds. */
  total: number;
  personId(index: number): string;
  agentId(index: number): string;
  /** The agent that observes (holds a mind of) a person. */
  primaryAgentOf(personIndex: number): string;
  /** Team ids whose team has exactly 20 members. */
  twentyPersonTeams: string[];
  /** Topic ids, most popular first. */
  topicsByPopularity: string[];
  /** Knowledge topics the primary agent holds beliefs about for a person (re-derived, not stored). */
  knowledgeTopicsOf(personIndex: number): string[];
  /** The channel every member can use. */
  generalChannelId: string;
  rows: {
    persons(): Iterable<BulkPersonInput>;
    agents(): Iterable<BulkAgentInput>;
    teams(): Iterable<BulkTeamInput>;
    topics(): Iterable<BulkTopicInput>;
    channels(): Iterable<BulkChannelInput>;
    teamMembers(): Iterable<BulkTeamMemberInput>;
    collaborations(): Iterable<BulkCollaborationInput>;
    helped(): Iterable<BulkHelpedInput>;
    trusts(): Iterable<BulkTrustInput>;
    beliefs(): Iterable<BulkBeliefInput>;
    messages(): Iterable<BulkMessageInput>;
  };
}

/**
 * Builds the synthetic workspace description (team layout and per-person belief counts are computed
 * up front, ~1 MB at scale 1; every row is generated lazily).
 *
 * @example
 * const ws = generateWorkspace({ scale: 0.1 });
 * await loader.loadPersons(ws.rows.persons(), { total: ws.counts.persons });
 */
export function generateWorkspace(options: SeedOptions = {}): SeedWorkspace {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 42;
  const nPersons = Math.max(50, Math.round(100_000 * scale));
  const nTeams = Math.max(5, Math.round(500 * scale));
  const nTopics = Math.max(20, Math.round(2_000 * scale));
  const nAgents = Math.max(2, Math.round(20 * scale));
  const nCollaborations = Math.round(250_000 * scale);
  const nHelped = Math.round(125_000 * scale);
  const nTrusts = Math.round(125_000 * scale);
  const nMessages = Math.max(200, Math.round(5_000 * scale));

  const personId = (i: number) => `p${i}`;
  const agentId = (i: number) => `agent${i}`;
  const teamId = (i: number) => `team${i}`;
  const topicId = (i: number) => `${TOPIC_WORDS[i % TOPIC_WORDS.length]}-${i}`;
  const primaryAgentIndex = (p: number) => p % nAgents;
  const zipf = new Zipf(nTopics, 1.07);

  // Teams: a fifth are exactly 20 people, the rest log-normal (median ~180, long tail). Members are laid
  // out consecutively over a shuffled person order, so most people are in one team and some in two.
  const teamRng = Rng.of(seed, "teams");
  const sizes = new Int32Array(nTeams);
  const nTwenty = Math.max(2, Math.round(nTeams / 5));
  for (let t = 0; t < nTeams; t++) {
    sizes[t] = t < nTwenty ? 20 : Math.min(Math.max(3, Math.round(Math.exp(5.2 + 0.8 * teamRng.normal()))), nPersons);
  }
  const order = new Int32Array(nPersons);
  for (let i = 0; i < nPersons; i++) order[i] = i;
  for (let i = nPersons - 1; i > 0; i--) {
    const j = teamRng.below(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const teamStart = new Int32Array(nTeams);
  const homeTeam = new Int32Array(nPersons).fill(-1);
  let cursor = 0;
  for (let t = 0; t < nTeams; t++) {
    teamStart[t] = cursor % nPersons;
    for (let k = 0; k < (sizes[t] as number); k++) {
      const p = order[(cursor + k) % nPersons] as number;
      if (homeTeam[p] === -1) homeTeam[p] = t;
    }
    cursor += sizes[t] as number;
  }
  const teamMember = (t: number, k: number) => order[((teamStart[t] as number) + k) % nPersons] as number;
  const nMemberships = sizes.reduce((a, b) => a + b, 0);
  // A person with no team (only when teams do not cover everyone) collaborates across the workspace.
  const colleagueOf = (p: number, rng: Rng, crossTeam: number) => {
    const t = homeTeam[p] as number;
    for (let tries = 0; tries < 8; tries++) {
      const q = t >= 0 && rng.next() >= crossTeam ? teamMember(t, rng.below(sizes[t] as number)) : rng.below(nPersons);
      if (q !== p) return q;
    }
    return (p + 1) % nPersons;
  };

  // Beliefs per person: 1–9 knowledge beliefs (mean ~4) by the primary agent, one preference and
  // sometimes a state; a fifth of the people are also observed by a second agent (two beliefs).
  const beliefCount = new Uint8Array(nPersons);
  let nBeliefs = 0;
  const countRng = Rng.of(seed, "belief-counts");
  const plan = (p: number) => {
    const rng = Rng.of(seed, "beliefs", p);
    const knowledge = 1 + Math.min(8, Math.floor(-Math.log(1 - rng.next()) * 2.9));
    return { rng, knowledge };
  };
  for (let p = 0; p < nPersons; p++) {
    const knowledge = plan(p).knowledge;
    const second = countRng.next() < 0.2 ? 2 : 0;
    const state = countRng.next() < 0.5 ? 1 : 0;
    beliefCount[p] = knowledge + 1 + state + second;
    nBeliefs += beliefCount[p] as number;
  }
  const knowledgeTopicIndexes = (p: number) => {
    const { rng, knowledge } = plan(p);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(knowledge, nTopics)) chosen.add(zipf.sample(rng));
    return { rng, topics: [...chosen] };
  };

  const counts: SeedCounts = {
    persons: nPersons,
    agents: nAgents,
    teams: nTeams,
    topics: nTopics,
    channels: nTeams + 1,
    teamMembers: nMemberships,
    collaborations: nCollaborations,
    helped: nHelped,
    trusts: nTrusts,
    beliefs: nBeliefs,
    messages: nMessages,
  };

  /** `n` distinct ordered pairs (plus an extra key, e.g. a topic), from `draw`. */
  function* distinct<T>(n: number, draw: () => { key: number; row: T }): Iterable<T> {
    const seen = new Set<number>();
    while (seen.size < n) {
      const { key, row } = draw();
      if (seen.has(key)) continue;
      seen.add(key);
      yield row;
    }
  }

  const rows: SeedWorkspace["rows"] = {
    *persons() {
      const rng = Rng.of(seed, "persons");
      for (let i = 0; i < nPersons; i++) {
        const createdAt = EPOCH - (30 + rng.below(700)) * DAY;
        yield {
          id: personId(i),
          name: `${rng.pick(FIRST)} ${rng.pick(LAST)} ${i}`,
          createdAt: iso(createdAt),
          lastSeenAt: iso(EPOCH - rng.below(30 * DAY)),
          availability: Math.round(rng.next() * 100) / 100,
          timezone: rng.pick(ZONES),
        };
      }
    },
    *agents() {
      for (let i = 0; i < nAgents; i++) {
        yield { id: agentId(i), name: `Attune ${i}`, role: "assistant", createdAt: iso(EPOCH - 800 * DAY) };
      }
    },
    *teams() {
      for (let t = 0; t < nTeams; t++) yield { id: teamId(t), name: `Team ${t}`, createdAt: iso(EPOCH - 750 * DAY) };
    },
    *topics() {
      for (let i = 0; i < nTopics; i++) {
        const word = TOPIC_WORDS[i % TOPIC_WORDS.length] as string;
        yield { id: topicId(i), name: `${word} ${i}`, label: word };
      }
    },
    *channels() {
      yield { id: "general", name: "General", kind: "team", createdAt: iso(EPOCH - 800 * DAY) };
      for (let t = 0; t < nTeams; t++) {
        yield { id: `ch-${teamId(t)}`, name: `Team ${t}`, kind: "team", teamId: teamId(t) };
      }
    },
    *teamMembers() {
      const rng = Rng.of(seed, "members");
      for (let t = 0; t < nTeams; t++) {
        for (let k = 0; k < (sizes[t] as number); k++) {
          yield {
            actorId: personId(teamMember(t, k)),
            teamId: teamId(t),
            since: iso(EPOCH - rng.below(600) * DAY),
          };
        }
      }
    },
    collaborations() {
      const rng = Rng.of(seed, "collaborations");
      return distinct(nCollaborations, () => {
        const a = rng.below(nPersons);
        const b = colleagueOf(a, rng, 0.15);
        return {
          key: a * nPersons + b,
          row: {
            fromId: personId(a),
            toId: personId(b),
            strength: Math.round(rng.next() * 1000) / 1000,
            lastAt: iso(EPOCH - rng.below(90 * DAY)),
            count: 1 + rng.below(200),
          },
        };
      });
    },
    helped() {
      const rng = Rng.of(seed, "helped");
      return distinct(nHelped, () => {
        const seeker = rng.below(nPersons);
        const helper = colleagueOf(seeker, rng, 0.3);
        const topic = zipf.sample(rng);
        return {
          key: (helper * nPersons + seeker) * nTopics + topic,
          row: {
            fromId: personId(helper),
            toId: personId(seeker),
            topic: topicId(topic),
            count: 1 + rng.below(12),
            lastAt: iso(EPOCH - rng.below(180 * DAY)),
          },
        };
      });
    },
    trusts() {
      const rng = Rng.of(seed, "trusts");
      return distinct(nTrusts, () => {
        const a = rng.below(nPersons);
        const b = colleagueOf(a, rng, 0.1);
        return {
          key: a * nPersons + b,
          row: {
            fromId: personId(a),
            toId: personId(b),
            level: Math.round(rng.next() * 1000) / 1000,
            updatedAt: iso(EPOCH - rng.below(120 * DAY)),
          },
        };
      });
    },
    *beliefs() {
      const countsRng = Rng.of(seed, "belief-counts");
      for (let p = 0; p < nPersons; p++) {
        const second = countsRng.next() < 0.2;
        const state = countsRng.next() < 0.5;
        const subjectId = personId(p);
        const observer = agentId(primaryAgentIndex(p));
        const { rng, topics } = knowledgeTopicIndexes(p);
        const at = () => iso(EPOCH - rng.below(60 * DAY));
        const beta = () => {
          const alpha = 1 + Math.round(rng.next() * 80) / 10;
          const b = 1 + Math.round(rng.next() * 40) / 10;
          return { alpha, beta: b };
        };
        const confidence = () => Math.round(rng.next() * 900) / 1000;
        for (const t of topics) {
          yield {
            id: `b-${observer}-${subjectId}-k${t}`,
            observerId: observer,
            subjectId,
            topicId: topicId(t),
            distribution: beta(),
            confidence: confidence(),
            validFrom: at(),
            visibility: "team",
            shareable: rng.next() < 0.7,
          };
        }
        yield {
          id: `b-${observer}-${subjectId}-pref`,
          observerId: observer,
          subjectId,
          dimension: "preference",
          key: rng.pick(PREFERENCES),
          distribution: beta(),
          confidence: confidence(),
          validFrom: at(),
        };
        if (state) {
          yield {
            id: `b-${observer}-${subjectId}-state`,
            observerId: observer,
            subjectId,
            dimension: "state",
            key: rng.pick(STATES),
            distribution: beta(),
            confidence: confidence(),
            validFrom: at(),
          };
        }
        if (second) {
          const other = agentId((primaryAgentIndex(p) + 1) % nAgents);
          const t = topics[0] as number;
          yield {
            id: `b-${other}-${subjectId}-k${t}`,
            observerId: other,
            subjectId,
            topicId: topicId(t),
            distribution: beta(),
            confidence: confidence(),
            validFrom: at(),
            visibility: "team",
            shareable: true,
          };
          yield {
            id: `b-${other}-${subjectId}-pref`,
            observerId: other,
            subjectId,
            dimension: "preference",
            key: rng.pick(PREFERENCES),
            distribution: beta(),
            confidence: confidence(),
            validFrom: at(),
          };
        }
      }
    },
    *messages() {
      const rng = Rng.of(seed, "messages");
      const lastInChannel = new Map<number, string>();
      for (let i = 0; i < nMessages; i++) {
        const t = rng.below(nTeams);
        const previous = lastInChannel.get(t);
        const topic = topicId(zipf.sample(rng));
        const createdAt = iso(EPOCH - (nMessages - i) * 60_000);
        const id = `m${i}`;
        if (previous && rng.next() < 0.3) {
          yield {
            id,
            channelId: `ch-${teamId(t)}`,
            authorId: agentId(t % nAgents),
            text: `Here is how ${topic} works in our setup (reply ${i}).`,
            createdAt,
            replyTo: previous,
            topicIds: [topic],
          };
        } else {
          yield {
            id,
            channelId: `ch-${teamId(t)}`,
            authorId: personId(teamMember(t, rng.below(sizes[t] as number))),
            text: `Question ${i}: how do we handle ${topic} in production?`,
            createdAt,
            topicIds: [topic],
          };
        }
        lastInChannel.set(t, id);
      }
    },
  };

  const twentyPersonTeams: string[] = [];
  for (let t = 0; t < nTeams; t++) if (sizes[t] === 20) twentyPersonTeams.push(teamId(t));
  const topicsByPopularity = Array.from({ length: nTopics }, (_, i) => topicId(i));

  return {
    scale,
    seed,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    personId,
    agentId,
    primaryAgentOf: (p) => agentId(primaryAgentIndex(p)),
    twentyPersonTeams,
    topicsByPopularity,
    knowledgeTopicsOf: (p) => knowledgeTopicIndexes(p).topics.map(topicId),
    generalChannelId: "general",
    rows,
  };
}
