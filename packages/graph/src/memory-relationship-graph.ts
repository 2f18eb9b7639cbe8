import { createHash } from "node:crypto";
import { AttuneError, type Dimension, type GraphQuery, type GraphQueryResult, mindId } from "@attune/model";
import type { ErasureReport } from "./erasure.js";
import type { PersonModel, PersonModelBelief } from "./person-model.js";
import { type HelperCandidate, scoreHelper, strategiesFrom } from "./recommendations.js";
import {
  type AuditRecord,
  addMessageDecision,
  betaOf,
  checkWorkspaceId,
  parseGraphOptions,
  parseGraphQuery,
  type RecommendationRecord,
  type RelationshipGraph,
  recordBeliefsProblem,
} from "./relationship-graph.js";
import type { DivergentBelief, MemberSync, MissedEvent } from "./team-sync.js";

// ── the store: plain maps per workspace; edges are explicit fields, detached on delete ──────────────

interface ActorNode {
  id: string;
  kind: "person" | "agent";
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  availability: number | null;
  timezone: string | null;
  role: string | null;
}

interface MessageNode {
  id: string;
  channelId: string;
  authorId: string;
  authorKind: string;
  text: string;
  createdAt: string;
  kind: string | null;
  replyTo: string | null;
  erasedAt: string | null;
  /** (Actor)-[:SENT]->(this): removed when the author is erased and the message redacted. */
  sentBy: string | null;
  /** (this)-[:REPLIES_TO]->(Message) */
  repliesTo: string | null;
}

interface MindNode {
  id: string;
  observerId: string;
  subjectId: string;
  state: string | null;
  updatedAt: string | null;
  pendingCorrections: string[];
  /** (Actor)-[:HOLDS]->(this) and (this)-[:ABOUT]->(Actor) */
  holder: string;
  about: string;
  /** HAS_BELIEF (every version) and CURRENT (the live version per key). */
  has: Set<string>;
  current: Set<string>;
}

interface BeliefNode {
  id: string;
  observerId: string;
  subjectId: string;
  dimension: Dimension;
  key: string;
  alpha: number;
  beta: number;
  mean: number;
  confidence: number;
  validFrom: string;
  validTo: string | null;
  recordedAt: string;
  visibility: string;
  order: number;
  aboutSubjectId: string | null;
  corrected: boolean;
  /** SUPPORTED_BY → Evidence; ABOUT_BELIEF → the first-order version (second-order beliefs). */
  supportedBy: Set<string>;
  aboutBelief: string | null;
}

interface EvidenceNode {
  id: string;
  messageId: string;
  speakerId: string;
  subjectId: string;
  dimension: Dimension;
  key: string;
  signal: string;
  weight: number;
  value: number | null;
  excerpt: string;
  observedAt: string;
  /** FROM → Message, SPOKEN_BY → Actor, ABOUT → Actor. */
  from: string | null;
  spokenBy: string | null;
  about: string | null;
}

interface KnowsEdge {
  level: number;
  confidence: number;
  shareable: boolean;
  updatedAt: string;
}

interface HelpedEdge {
  to: string;
  topic: string;
  count: number;
  lastAt: string;
}

interface ExperimentNode {
  id: string;
  subjectId: string;
  topic: string;
  context: string;
  arms: string;
  predicted: number;
  observed: number;
  at: string;
  /** (this)-[:OF]->(Actor) */
  of: string | null;
}

interface AuditNode {
  id: string;
  action: "erase" | "correct";
  actorId: string;
  at: string;
  subjectId: string | null;
  subjectHash: string | null;
  what: string | null;
  versions: number | null;
  policy: string | null;
  counts: string | null;
}

interface WorkspaceData {
  workspace: { name: string; createdAt: string; erasePolicy: string | null } | null;
  actors: Map<string, ActorNode>;
  teams: Map<string, { id: string; name: string; createdAt: string }>;
  /** teamId → actorId → since */
  memberships: Map<string, Map<string, string>>;
  channels: Map<string, { id: string; name: string; kind: string; teamId: string | null; createdAt: string }>;
  messages: Map<string, MessageNode>;
  /** actorId → messageId → at */
  saw: Map<string, Map<string, string>>;
  minds: Map<string, MindNode>;
  beliefs: Map<string, BeliefNode>;
  evidence: Map<string, EvidenceNode>;
  topics: Map<string, { id: string; name: string; createdAt: string }>;
  /** actorId → topic → edge */
  knows: Map<string, Map<string, KnowsEdge>>;
  /** from → to → edge */
  collaborates: Map<string, Map<string, { strength: number; count: number; lastAt: string }>>;
  /** from → `to\0topic` → edge */
  helped: Map<string, Map<string, HelpedEdge>>;
  /** from → to → edge */
  trusts: Map<string, Map<string, { level: number; updatedAt: string }>>;
  recommendations: Map<string, RecommendationRecord>;
  experiments: Map<string, ExperimentNode>;
  audits: Map<string, AuditNode>;
}

/**
 * The backing store of in-memory graphs, keyed by workspace. Share one between several
 * `createMemoryRelationshipGraph` calls to model one database holding several workspaces.
 */
export class MemoryGraphData {
  readonly #workspaces = new Map<string, WorkspaceData>();

  /** The workspace's data, created empty on first use. @internal */
  workspace(workspaceId: string): WorkspaceData {
    let data = this.#workspaces.get(workspaceId);
    if (!data) {
      data = emptyWorkspace();
      this.#workspaces.set(workspaceId, data);
    }
    return data;
  }

  /** Deletes everything one workspace owns. */
  dropWorkspace(workspaceId: string): void {
    this.#workspaces.delete(workspaceId);
  }

  /** Workspaces holding data. */
  workspaceIds(): string[] {
    return [...this.#workspaces.keys()];
  }
}

const emptyWorkspace = (): WorkspaceData => ({
  workspace: null,
  actors: new Map(),
  teams: new Map(),
  memberships: new Map(),
  channels: new Map(),
  messages: new Map(),
  saw: new Map(),
  minds: new Map(),
  beliefs: new Map(),
  evidence: new Map(),
  topics: new Map(),
  knows: new Map(),
  collaborates: new Map(),
  helped: new Map(),
  trusts: new Map(),
  recommendations: new Map(),
  experiments: new Map(),
  audits: new Map(),
});

// ── the formulas the Neo4j functions compute in JS/Cypher, duplicated here in one place ─────────────

/** Cypher's ORDER BY on strings: UTF-16 code units, nulls last (ascending). */
function cypherCompare(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

const avg = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const stampOf = (at: string) => at.replace(/[^0-9]/g, "");
/** `int()` of run.ts: LIMIT takes a non-negative integer. */
const cypherInt = (value: number) => Math.max(0, Math.trunc(value));

/** recordRelationships: strength grows with each interaction and saturates at 1. */
const tie = (strength: number, weight: number) => 1 - (1 - strength) * (1 - weight);

/** Edges typed queries' `path` may walk (through people and teams only). */
type PathEdge = "COLLABORATES_WITH" | "HELPED" | "TRUSTS" | "MEMBER_OF";

// ── the implementation ───────────────────────────────────────────────────────────────────────────

/**
 * A pure in-memory `RelationshipGraph` with the same observable behaviour as the Neo4j one (same
 * ordering, errors and codes, as-of reads, correction versions, erasure, ranking formula): for unit
 * tests of anything built on the graph. Pass `data` to share one backing store between workspaces.
 *
 * @example
 * const graph = createMemoryRelationshipGraph({ workspaceId: "acme" });
 * await graph.ensurePerson({ id: "ada", name: "Ada" });
 */
export function createMemoryRelationshipGraph(options: {
  workspaceId: string;
  data?: MemoryGraphData;
}): RelationshipGraph {
  const workspaceId = checkWorkspaceId(options.workspaceId);
  const store = options.data ?? new MemoryGraphData();
  const db = () => store.workspace(workspaceId);
  const now = () => new Date().toISOString();

  const ensureWorkspace = (at: string) => {
    const w = db();
    w.workspace ??= { name: workspaceId, createdAt: at, erasePolicy: null };
    return w.workspace;
  };
  const mapOf = <K, V>(outer: Map<string, Map<K, V>>, key: string) => {
    let inner = outer.get(key);
    if (!inner) {
      inner = new Map<K, V>();
      outer.set(key, inner);
    }
    return inner;
  };
  const mergeTopic = (topic: string, at: string) => {
    const w = db();
    if (!w.topics.has(topic)) w.topics.set(topic, { id: topic, name: topic, createdAt: at });
  };
  const mergeMind = (observerId: string, subjectId: string): MindNode => {
    const w = db();
    const id = mindId(observerId, subjectId);
    let mind = w.minds.get(id);
    if (!mind) {
      mind = {
        id,
        observerId,
        subjectId,
        state: null,
        updatedAt: null,
        pendingCorrections: [],
        holder: observerId,
        about: subjectId,
        has: new Set(),
        current: new Set(),
      };
      w.minds.set(id, mind);
    }
    return mind;
  };
  const beliefsOf = (mind: MindNode, which: "has" | "current") =>
    [...mind[which]].map((id) => db().beliefs.get(id)).filter((b): b is BeliefNode => b !== undefined);
  const saw = (actorId: string, messageId: string) => db().saw.get(actorId)?.has(messageId) === true;

  /** Neighbours over the path edges, undirected; teams reached through MEMBER_OF only. */
  const neighbours = (node: { kind: "actor" | "team"; id: string }, types: readonly PathEdge[]) => {
    const w = db();
    const out: { kind: "actor" | "team"; id: string; via: PathEdge }[] = [];
    if (node.kind === "team") {
      if (types.includes("MEMBER_OF")) {
        for (const actorId of w.memberships.get(node.id)?.keys() ?? [])
          out.push({ kind: "actor", id: actorId, via: "MEMBER_OF" });
      }
      return out;
    }
    const id = node.id;
    const both = (edges: Map<string, Map<string, unknown>>, via: PathEdge, target: (key: string) => string) => {
      if (!types.includes(via)) return;
      for (const key of edges.get(id)?.keys() ?? []) out.push({ kind: "actor", id: target(key), via });
      for (const [from, inner] of edges) {
        for (const key of inner.keys()) if (target(key) === id) out.push({ kind: "actor", id: from, via });
      }
    };
    both(w.collaborates, "COLLABORATES_WITH", (k) => k);
    both(w.helped, "HELPED", (k) => k.split("\u0000")[0] ?? k);
    both(w.trusts, "TRUSTS", (k) => k);
    if (types.includes("MEMBER_OF")) {
      for (const [teamId, members] of w.memberships)
        if (members.has(id)) out.push({ kind: "team", id: teamId, via: "MEMBER_OF" });
    }
    return out;
  };

  /** Breadth-first shortest path (what Neo4j's shortestPath finds), or null. */
  const shortestPath = (fromId: string, toId: string, maxHops: number, types: readonly PathEdge[]) => {
    const key = (n: { kind: string; id: string }) => `${n.kind}\u0000${n.id}`;
    const start = { kind: "actor" as const, id: fromId };
    const previous = new Map<
      string,
      { node: { kind: "actor" | "team"; id: string }; from: string | null; via: PathEdge | null }
    >();
    previous.set(key(start), { node: start, from: null, via: null });
    let frontier = [start] as { kind: "actor" | "team"; id: string }[];
    for (let hop = 1; hop <= maxHops && frontier.length; hop++) {
      const next: { kind: "actor" | "team"; id: string }[] = [];
      for (const node of frontier) {
        for (const n of neighbours(node, types)) {
          const k = key(n);
          if (previous.has(k)) continue;
          previous.set(k, { node: { kind: n.kind, id: n.id }, from: key(node), via: n.via });
          if (n.kind === "actor" && n.id === toId) {
            const nodes: { kind: "actor" | "team"; id: string }[] = [];
            const via: PathEdge[] = [];
            let cursor: string | null = k;
            while (cursor) {
              const step = previous.get(cursor);
              if (!step) break;
              nodes.unshift(step.node);
              if (step.via) via.unshift(step.via);
              cursor = step.from;
            }
            return { nodes, via };
          }
          next.push({ kind: n.kind, id: n.id });
        }
      }
      frontier = next;
    }
    return null;
  };

  // ── reads shared by methods and typed queries ──

  const personModel = (personId: string, asOf: string | undefined, evidenceLimit: number): PersonModel => {
    const w = db();
    const person = w.actors.get(personId);
    if (!person) throw new AttuneError({ code: "not-found", message: `no person ${personId} in this workspace` });
    const limit = cypherInt(evidenceLimit);
    const beliefs: PersonModelBelief[] = [];
    for (const mind of w.minds.values()) {
      if (mind.about !== personId) continue;
      const versions =
        asOf === undefined
          ? beliefsOf(mind, "current")
          : beliefsOf(mind, "has").filter((b) => b.validFrom <= asOf && (b.validTo === null || b.validTo > asOf));
      for (const b of versions) {
        const evidence = [...b.supportedBy]
          .map((id) => w.evidence.get(id))
          .filter((e): e is EvidenceNode => e !== undefined)
          .sort((x, y) => cypherCompare(y.observedAt, x.observedAt))
          .slice(0, limit)
          .map((e) => ({
            id: e.id,
            signal: e.signal,
            weight: e.weight,
            excerpt: e.excerpt,
            observedAt: e.observedAt,
            messageId: e.messageId,
            speakerId: e.speakerId,
          }));
        beliefs.push({
          id: b.id,
          observerId: b.observerId,
          dimension: b.dimension,
          key: b.key,
          mean: b.mean,
          confidence: b.confidence,
          validFrom: b.validFrom,
          validTo: b.validTo,
          recordedAt: b.recordedAt,
          visibility: b.visibility,
          order: b.order,
          aboutSubjectId: b.aboutSubjectId,
          evidence,
        });
      }
    }
    beliefs.sort((a, b) =>
      `${a.observerId}\u0000${a.dimension}\u0000${a.key}`.localeCompare(
        `${b.observerId}\u0000${b.dimension}\u0000${b.key}`,
      ),
    );
    return { person: { id: person.id, name: person.name, kind: person.kind }, beliefs };
  };

  const whoCanHelp = (o: {
    seekerId: string;
    topic: string;
    limit?: number | undefined;
    pool?: number | undefined;
    record?: boolean | undefined;
    at?: string | undefined;
  }): HelperCandidate[] => {
    const w = db();
    const { seekerId, topic } = o;
    const limit = Math.max(1, Math.min(20, Math.trunc(o.limit ?? 5)));
    const pool = Math.max(limit, Math.min(200, Math.trunc(o.pool ?? 40)));
    const seeker = w.actors.get(seekerId);
    if (!seeker) throw new AttuneError({ code: "not-found", message: `no person ${seekerId} in this workspace` });
    if (!w.topics.has(topic)) return [];
    const seekerLevel = w.knows.get(seekerId)?.get(topic)?.level ?? 0;
    const pooled = [...w.actors.values()]
      .filter((c) => c.kind === "person" && c.id !== seekerId)
      .map((c) => ({ c, k: w.knows.get(c.id)?.get(topic) }))
      .filter((x): x is { c: ActorNode; k: KnowsEdge } => {
        const k = x.k;
        return k?.shareable === true && k.level > seekerLevel + 0.1 && k.level >= 0.5;
      })
      .sort(
        (a, b) =>
          b.k.level * (0.5 + 0.5 * b.k.confidence) - a.k.level * (0.5 + 0.5 * a.k.confidence) ||
          cypherCompare(a.c.id, b.c.id),
      )
      .slice(0, pool);
    const verbosityAbout = (actorId: string) =>
      [...w.minds.values()]
        .filter((m) => m.about === actorId)
        .flatMap((m) => beliefsOf(m, "current"))
        .filter((b) => b.dimension === "preference" && b.key === "verbosity")
        .map((b) => b.mean);
    const seekerV = avg(verbosityAbout(seekerId));
    const candidates = pooled.map(({ c, k }): HelperCandidate => {
      const path = shortestPath(seekerId, c.id, 3, ["COLLABORATES_WITH"]);
      const distance = path ? path.via.length : null;
      let helped = 0;
      for (const edge of w.helped.get(c.id)?.values() ?? []) if (edge.topic === topic) helped += edge.count;
      const availability = c.availability ?? 0.5;
      const scored = scoreHelper({
        topic,
        level: k.level,
        confidence: k.confidence,
        availability,
        distance,
        helped,
        seekerV,
        candidateV: avg(verbosityAbout(c.id)),
      });
      return {
        personId: c.id,
        name: c.name,
        score: scored.score,
        level: k.level,
        confidence: k.confidence,
        availability,
        distance,
        helped,
        styleFit: scored.styleFit,
        explanation: scored.explanation,
      };
    });
    candidates.sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId));
    const top = candidates.slice(0, limit);
    if (o.record && top.length > 0) {
      const at = o.at ?? now();
      for (const c of top) {
        const id = `${topic}~${seekerId}~${c.personId}`;
        w.recommendations.set(id, {
          id,
          topic,
          seekerId,
          helperId: c.personId,
          score: c.score,
          explanation: c.explanation,
          updatedAt: at,
        });
      }
    }
    return top;
  };

  const teamSync = (o: {
    teamId: string;
    memberId?: string | undefined;
    limit?: number | undefined;
    divergence?: number | undefined;
  }): MemberSync[] => {
    const w = db();
    const { teamId } = o;
    const limit = cypherInt(Math.max(1, Math.min(200, o.limit ?? 50)));
    const divergence = o.divergence ?? 0.3;
    if (!w.teams.has(teamId))
      throw new AttuneError({ code: "not-found", message: `no team ${teamId} in this workspace` });
    const members = [...(w.memberships.get(teamId)?.keys() ?? [])]
      .map((id) => w.actors.get(id))
      .filter((a): a is ActorNode => a !== undefined);
    const selected = members.filter((m) => o.memberId === undefined || m.id === o.memberId);
    if (selected.length === 0) {
      if (o.memberId !== undefined) {
        throw new AttuneError({ code: "not-found", message: `${o.memberId} is not a member of ${teamId}` });
      }
      return [];
    }
    const teamChannels = new Set([...w.channels.values()].filter((c) => c.teamId === teamId).map((c) => c.id));
    const decisionFirst = (m: MessageNode) => (m.kind === "decision" || m.kind === "event" ? 0 : 1);
    return selected
      .map((m): MemberSync => {
        const missed = [...w.messages.values()]
          .filter(
            (msg) =>
              teamChannels.has(msg.channelId) &&
              msg.createdAt > (m.lastSeenAt ?? "") &&
              msg.authorId !== m.id &&
              !saw(m.id, msg.id),
          )
          .sort((a, b) => decisionFirst(a) - decisionFirst(b) || cypherCompare(b.createdAt, a.createdAt))
          .slice(0, limit)
          .map(
            (msg): MissedEvent => ({
              id: msg.id,
              channelId: msg.channelId,
              authorId: msg.authorId,
              text: msg.text,
              createdAt: msg.createdAt,
              kind: msg.kind ?? "message",
              seenBy: members.filter((x) => x.id === msg.authorId || saw(x.id, msg.id)).map((x) => x.id),
            }),
          );
        const mine = [...w.minds.values()]
          .filter((mind) => mind.holder === m.id)
          .flatMap((mind) => beliefsOf(mind, "current"))
          .slice(0, 200);
        const divergent: DivergentBelief[] = [];
        for (const b of mine) {
          const others = members
            .filter((x) => x.id !== m.id)
            .flatMap((x) => [...w.minds.values()].filter((mind) => mind.holder === x.id))
            .flatMap((mind) => beliefsOf(mind, "current"))
            .filter((ob) => ob.subjectId === b.subjectId && ob.dimension === b.dimension && ob.key === b.key)
            .map((ob) => ob.mean);
          const team = avg(others);
          if (team !== null && Math.abs(b.mean - team) >= divergence) {
            divergent.push({
              subjectId: b.subjectId,
              dimension: b.dimension,
              key: b.key,
              mine: b.mean,
              team,
              others: others.length,
            });
          }
        }
        return { memberId: m.id, name: m.name, lastSeenAt: m.lastSeenAt, missed, divergent: divergent.slice(0, 20) };
      })
      .sort((a, b) => cypherCompare(a.memberId, b.memberId));
  };

  const table = (columns: string[], rows: Record<string, unknown>[]): Omit<GraphQueryResult, "kind"> => ({
    columns,
    rows,
    truncated: false,
  });

  const runQuery = (q: GraphQuery): Omit<GraphQueryResult, "kind"> => {
    const w = db();
    switch (q.kind) {
      case "people": {
        const search = q.search?.toLowerCase();
        const rows = [...w.actors.values()]
          .filter((p) => p.kind === "person" && (search === undefined || p.name.toLowerCase().includes(search)))
          .sort((a, b) => cypherCompare(a.name, b.name) || cypherCompare(a.id, b.id))
          .slice(0, q.limit)
          .map((p) => ({
            id: p.id,
            name: p.name,
            lastSeenAt: p.lastSeenAt,
            teams: [...w.memberships].filter(([, members]) => members.has(p.id)).map(([teamId]) => teamId),
          }));
        return table(["id", "name", "lastSeenAt", "teams"], rows);
      }
      case "person-model": {
        const model = personModel(q.personId, q.asOf, q.evidence);
        return table(
          ["observerId", "dimension", "key", "mean", "confidence", "validFrom", "validTo", "evidence"],
          model.beliefs.map((b) => ({ ...b }) as Record<string, unknown>),
        );
      }
      case "expertise-map": {
        const experts = (topic: string) =>
          [...w.actors.values()]
            .filter((p) => p.kind === "person")
            .map((p) => ({ p, k: w.knows.get(p.id)?.get(topic) }))
            .filter((x): x is { p: ActorNode; k: KnowsEdge } => x.k?.shareable === true && x.k.level >= q.minLevel);
        if (q.topic !== undefined) {
          const topic = q.topic;
          const rows = w.topics.has(topic)
            ? experts(topic)
                .sort((a, b) => b.k.level - a.k.level || cypherCompare(a.p.id, b.p.id))
                .slice(0, q.limit)
                .map(({ p, k }) => ({ topic, personId: p.id, name: p.name, level: k.level, confidence: k.confidence }))
            : [];
          return table(["topic", "personId", "name", "level", "confidence"], rows);
        }
        const rows = [...w.topics.keys()]
          .map((topic) => {
            const found = experts(topic);
            return {
              topic,
              experts: found.length,
              level: found.length ? Math.max(...found.map((x) => x.k.level)) : null,
            };
          })
          .filter((r) => r.experts > 0)
          .sort((a, b) => b.experts - a.experts || cypherCompare(a.topic, b.topic))
          .slice(0, q.limit);
        return table(["topic", "experts", "level"], rows);
      }
      case "who-knows-what": {
        const rows = w.actors.has(q.personId)
          ? [...(w.knows.get(q.personId) ?? [])]
              .filter(([, k]) => k.shareable)
              .map(([topic, k]) => ({ topic, level: k.level, confidence: k.confidence, updatedAt: k.updatedAt }))
              .sort((a, b) => b.level - a.level || cypherCompare(a.topic, b.topic))
              .slice(0, q.limit)
          : [];
        return table(["topic", "level", "confidence", "updatedAt"], rows);
      }
      case "who-helps-whom": {
        const rows: { helper: string; helped: string; topic: string; count: number; lastAt: string }[] = [];
        for (const [from, edges] of w.helped) {
          for (const e of edges.values()) {
            const touches =
              q.personId === undefined
                ? w.actors.get(from)?.kind === "person"
                : (from === q.personId || e.to === q.personId) && w.actors.has(q.personId);
            if (touches && (q.topic === undefined || e.topic === q.topic)) {
              rows.push({ helper: from, helped: e.to, topic: e.topic, count: e.count, lastAt: e.lastAt });
            }
          }
        }
        rows.sort((a, b) => b.count - a.count || cypherCompare(b.lastAt, a.lastAt));
        return table(["helper", "helped", "topic", "count", "lastAt"], rows.slice(0, q.limit));
      }
      case "path": {
        const rows: Record<string, unknown>[] = [];
        if (w.actors.has(q.fromId) && w.actors.has(q.toId)) {
          const path = shortestPath(q.fromId, q.toId, q.maxHops, [
            "COLLABORATES_WITH",
            "HELPED",
            "TRUSTS",
            "MEMBER_OF",
          ]);
          if (path) {
            const nameOf = (n: { kind: "actor" | "team"; id: string }) =>
              (n.kind === "actor" ? w.actors.get(n.id)?.name : w.teams.get(n.id)?.name) ?? n.id;
            rows.push({
              names: path.nodes.map(nameOf),
              ids: path.nodes.map((n) => n.id),
              via: path.via,
              hops: path.via.length,
            });
          }
        }
        return table(["hops", "ids", "names", "via"], rows);
      }
      case "timeline": {
        const rows = [...w.minds.values()]
          .filter((m) => m.about === q.personId && w.actors.has(q.personId))
          .flatMap((m) => beliefsOf(m, "has"))
          .filter(
            (b) =>
              (q.dimension === undefined || b.dimension === q.dimension) && (q.key === undefined || b.key === q.key),
          )
          .sort((a, b) => cypherCompare(b.validFrom, a.validFrom) || cypherCompare(a.key, b.key))
          .slice(0, q.limit)
          .map((b) => ({
            at: b.validFrom,
            observerId: b.observerId,
            dimension: b.dimension,
            key: b.key,
            mean: b.mean,
            confidence: b.confidence,
            validTo: b.validTo,
          }));
        return table(["at", "observerId", "dimension", "key", "mean", "confidence", "validTo"], rows);
      }
      case "who-can-help": {
        const helpers = whoCanHelp({ seekerId: q.seekerId, topic: q.topic, limit: q.limit });
        return table(
          ["personId", "name", "score", "explanation"],
          helpers.map((h) => ({ ...h }) as Record<string, unknown>),
        );
      }
      case "team-sync": {
        const members = teamSync({ teamId: q.teamId, memberId: q.memberId, limit: q.limit });
        return table(
          ["memberId", "name", "lastSeenAt", "missed", "divergent"],
          members.map((m) => ({ ...m }) as Record<string, unknown>),
        );
      }
      case "cypher":
        throw new AttuneError({ code: "forbidden", message: "Cypher queries need the Neo4j graph" });
    }
  };

  /** Everything a person is, in one synchronous step (so it is atomic like the Neo4j transaction). */
  const erase = (personId: string, by: string, messages: string | undefined, at: string): ErasureReport => {
    const w = db();
    const person = w.actors.get(personId);
    if (person?.kind !== "person") {
      throw new AttuneError({ code: "not-found", message: `no person ${personId} in this workspace` });
    }
    const policy = messages ?? w.workspace?.erasePolicy ?? "delete-messages";
    const subjectHash = createHash("sha256").update(`${workspaceId}\u0000${personId}`).digest("hex").slice(0, 32);
    const auditId = `erase-${subjectHash.slice(0, 16)}-${stampOf(at)}`;
    const sent = [...w.messages.values()].filter((m) => m.sentBy === personId).map((m) => m.id);
    const sentSet = new Set(sent);
    // Evidence about them, spoken by them, or drawn from their messages.
    const evidence = [...w.evidence.values()].filter(
      (e) =>
        e.about === personId ||
        e.spokenBy === personId ||
        (e.from !== null && sentSet.has(e.from)) ||
        e.subjectId === personId ||
        e.speakerId === personId,
    );
    for (const e of evidence) w.evidence.delete(e.id);
    const goneEvidence = new Set(evidence.map((e) => e.id));
    for (const b of w.beliefs.values()) for (const id of goneEvidence) b.supportedBy.delete(id);
    // Minds about them or held by them with all their versions; any belief naming them.
    const minds = [...w.minds.values()].filter((m) => m.about === personId || m.holder === personId);
    const beliefIds = new Set<string>();
    for (const m of minds) for (const id of [...m.has, ...m.current]) if (w.beliefs.has(id)) beliefIds.add(id);
    for (const b of w.beliefs.values()) {
      if (b.aboutSubjectId === personId || b.subjectId === personId || b.observerId === personId) beliefIds.add(b.id);
    }
    for (const id of beliefIds) w.beliefs.delete(id);
    for (const m of w.minds.values()) {
      for (const id of beliefIds) {
        m.has.delete(id);
        m.current.delete(id);
      }
    }
    for (const b of w.beliefs.values())
      if (b.aboutBelief !== null && beliefIds.has(b.aboutBelief)) b.aboutBelief = null;
    for (const m of minds) w.minds.delete(m.id);
    let recommendations = 0;
    for (const r of [...w.recommendations.values()]) {
      if (r.seekerId === personId || r.helperId === personId) {
        w.recommendations.delete(r.id);
        recommendations += 1;
      }
    }
    let experiments = 0;
    for (const x of [...w.experiments.values()]) {
      if (x.subjectId === personId) {
        w.experiments.delete(x.id);
        experiments += 1;
      }
    }
    let messagesDeleted = 0;
    let messagesRedacted = 0;
    for (const id of sent) {
      const m = w.messages.get(id);
      if (!m) continue;
      if (policy === "redact-messages") {
        Object.assign(m, { sentBy: null, text: "[erased]", authorId: "erased", erasedAt: at });
        messagesRedacted += 1;
      } else {
        w.messages.delete(id);
        for (const seen of w.saw.values()) seen.delete(id);
        for (const e of w.evidence.values()) if (e.from === id) e.from = null;
        for (const other of w.messages.values()) if (other.repliesTo === id) other.repliesTo = null;
        messagesDeleted += 1;
      }
    }
    // The actor and every edge touching it.
    w.actors.delete(personId);
    for (const members of w.memberships.values()) members.delete(personId);
    w.saw.delete(personId);
    w.knows.delete(personId);
    for (const edges of [w.collaborates, w.trusts]) {
      edges.delete(personId);
      for (const inner of edges.values()) inner.delete(personId);
    }
    w.helped.delete(personId);
    for (const inner of w.helped.values()) {
      for (const [k, e] of [...inner]) if (e.to === personId) inner.delete(k);
    }
    for (const e of w.evidence.values()) {
      if (e.spokenBy === personId) e.spokenBy = null;
      if (e.about === personId) e.about = null;
    }
    for (const x of w.experiments.values()) if (x.of === personId) x.of = null;
    // Earlier audits keep their counts, not the person's id.
    for (const a of w.audits.values()) {
      if (a.subjectId === personId) {
        a.subjectId = null;
        a.subjectHash = subjectHash;
      }
      if (a.actorId === personId) a.actorId = "erased";
    }
    const counts = {
      messagesDeleted,
      messagesRedacted,
      evidence: evidence.length,
      beliefs: beliefIds.size,
      minds: minds.length,
      recommendations,
      experiments,
      actor: 1,
    };
    w.audits.set(auditId, {
      id: auditId,
      action: "erase",
      // A person erasing themselves is recorded as 'self': the audit keeps no id of theirs.
      actorId: by === personId ? "self" : by,
      at,
      subjectId: null,
      subjectHash,
      what: null,
      versions: null,
      policy,
      counts: JSON.stringify(counts),
    });
    return { auditId, subjectHash, counts };
  };

  /** A person or an agent, created on first sight; an id never changes kind. */
  const ensureActor = (kind: "person" | "agent", id: string, name: string, at: string | undefined): ActorNode => {
    const w = db();
    const existing = w.actors.get(id);
    if (existing && existing.kind !== kind) {
      throw new AttuneError({
        code: "conflict",
        message: `ensure ${kind}: ${id} is already ${kind === "person" ? "an agent" : "a person"}`,
      });
    }
    const time = at ?? now();
    ensureWorkspace(time);
    const actor: ActorNode = existing ?? {
      id,
      kind,
      name,
      createdAt: time,
      lastSeenAt: null,
      availability: null,
      timezone: null,
      role: null,
    };
    actor.name = name;
    w.actors.set(id, actor);
    return actor;
  };

  return {
    workspaceId,

    async ensureWorkspace(input) {
      const o = parseGraphOptions("ensureWorkspace", input);
      const ws = ensureWorkspace(o.at ?? now());
      if (o.name !== undefined) ws.name = o.name;
      if (o.erasePolicy !== undefined) ws.erasePolicy = o.erasePolicy;
    },

    async ensurePerson(input) {
      const o = parseGraphOptions("ensurePerson", input);
      const p = ensureActor("person", o.id, o.name, o.at);
      if (o.availability !== undefined) p.availability = o.availability;
      if (o.timezone !== undefined) p.timezone = o.timezone;
    },

    async ensureAgent(input) {
      const o = parseGraphOptions("ensureAgent", input);
      const a = ensureActor("agent", o.id, o.name, o.at);
      a.role = o.role ?? a.role ?? "assistant";
    },

    async ensureChannel(input) {
      const o = parseGraphOptions("ensureChannel", input);
      const w = db();
      const kind = o.kind ?? "team";
      const existing = w.channels.get(o.id);
      if (existing && existing.kind !== kind) {
        throw new AttuneError({
          code: "conflict",
          message: `channel ${o.id} already exists as a ${existing.kind} channel`,
        });
      }
      const at = o.at ?? now();
      ensureWorkspace(at);
      const c = existing ?? { id: o.id, name: o.name, kind, teamId: null, createdAt: at };
      c.name = o.name;
      if (o.teamId !== undefined) c.teamId = o.teamId;
      w.channels.set(o.id, c);
    },

    async addMessage(input) {
      const o = parseGraphOptions("addMessage", input);
      const w = db();
      const existing = w.messages.get(o.id);
      const author = w.actors.get(o.authorId);
      const decision = addMessageDecision(o, {
        hasChannel: w.channels.has(o.channelId),
        hasAuthor: author !== undefined,
        hasReplyTo: o.replyTo !== undefined && w.messages.has(o.replyTo),
        existing: existing ? { text: existing.text, channelId: existing.channelId, authorId: existing.authorId } : null,
      });
      if (decision === "exists" || !author) return { created: false };
      w.messages.set(o.id, {
        id: o.id,
        channelId: o.channelId,
        authorId: o.authorId,
        authorKind: author.kind,
        text: o.text,
        createdAt: o.createdAt,
        kind: o.kind ?? null,
        replyTo: o.replyTo ?? null,
        erasedAt: null,
        sentBy: o.authorId,
        repliesTo: o.replyTo ?? null,
      });
      return { created: true };
    },

    async recordBeliefs(input) {
      const o = parseGraphOptions("recordBeliefs", input);
      const w = db();
      const evidence = o.evidence ?? [];
      const batchEvidence = new Set(evidence.map((e) => e.id));
      const unique = (ids: string[]) => [...new Set(ids)];
      const problem = recordBeliefsProblem({
        hasObserver: w.actors.has(o.observerId),
        hasSubject: w.actors.has(o.subjectId),
        missingMessages: unique(evidence.map((e) => e.messageId)).filter((id) => !w.messages.has(id)),
        missingSpeakers: unique(evidence.map((e) => e.speakerId)).filter((id) => !w.actors.has(id)),
        missingEvidence: unique(o.beliefs.flatMap((b) => b.evidenceIds ?? [])).filter(
          (id) => !batchEvidence.has(id) && !w.evidence.has(id),
        ),
        foreignBeliefs: o.beliefs
          .map((b) => w.beliefs.get(b.id))
          .filter(
            (b): b is BeliefNode =>
              b !== undefined && (b.observerId !== o.observerId || b.subjectId !== o.subjectId || b.order !== 1),
          )
          .map((b) => b.id),
        foreignEvidence: [...batchEvidence].filter((id) => {
          const e = w.evidence.get(id);
          return e !== undefined && e.subjectId !== o.subjectId;
        }),
      });
      if (problem) throw problem;
      const mind = mergeMind(o.observerId, o.subjectId);
      if (o.state !== undefined) mind.state = o.state;
      mind.updatedAt = o.at ?? now();
      for (const e of evidence) {
        if (!w.evidence.has(e.id)) {
          w.evidence.set(e.id, {
            ...e,
            subjectId: o.subjectId,
            value: e.value ?? null,
            from: e.messageId,
            spokenBy: e.speakerId,
            about: o.subjectId,
          });
        }
      }
      // In order: a later version of the same key closes an earlier one. A stored version (a retry) is left as it is.
      for (const b of o.beliefs.filter((x) => !w.beliefs.has(x.id))) {
        for (const old of beliefsOf(mind, "current")) {
          if (old.order === 1 && old.dimension === b.dimension && old.key === b.key) {
            old.validTo = b.validFrom;
            mind.current.delete(old.id);
          }
        }
        const prior = betaOf(b.mean, b.confidence);
        w.beliefs.set(b.id, {
          id: b.id,
          observerId: o.observerId,
          subjectId: o.subjectId,
          dimension: b.dimension,
          key: b.key,
          alpha: b.alpha ?? prior.alpha,
          beta: b.beta ?? prior.beta,
          mean: b.mean,
          confidence: b.confidence,
          validFrom: b.validFrom,
          validTo: null,
          recordedAt: b.recordedAt ?? b.validFrom,
          visibility: b.visibility ?? "private",
          order: 1,
          aboutSubjectId: null,
          corrected: false,
          supportedBy: new Set((b.evidenceIds ?? []).filter((id) => w.evidence.has(id))),
          aboutBelief: null,
        });
        mind.has.add(b.id);
        mind.current.add(b.id);
      }
    },

    async recordKnowledge(input) {
      const o = parseGraphOptions("recordKnowledge", input);
      const w = db();
      for (const x of o.knows) {
        if (!w.actors.has(x.personId)) continue;
        mergeTopic(x.topic, x.at);
        mapOf(w.knows, x.personId).set(x.topic, {
          level: x.level,
          confidence: x.confidence,
          shareable: x.shareable,
          updatedAt: x.at,
        });
      }
    },

    async recordRelationships(input) {
      const o = parseGraphOptions("recordRelationships", input);
      const w = db();
      let recorded = 0;
      for (const x of o.relationships) {
        if (!w.actors.has(x.from) || !w.actors.has(x.to)) continue;
        const later = (lastAt: string | undefined) => (lastAt === undefined || lastAt < x.at ? x.at : lastAt);
        if (x.type === "collaborates-with") {
          const edges = mapOf(w.collaborates, x.from);
          const r = edges.get(x.to);
          edges.set(x.to, {
            strength: tie(r?.strength ?? 0, x.weight),
            count: (r?.count ?? 0) + 1,
            lastAt: later(r?.lastAt),
          });
        } else if (x.type === "helped") {
          const edges = mapOf(w.helped, x.from);
          const key = `${x.to}\u0000${x.topic}`;
          const r = edges.get(key);
          edges.set(key, { to: x.to, topic: x.topic, count: (r?.count ?? 0) + 1, lastAt: later(r?.lastAt) });
        } else {
          mapOf(w.trusts, x.from).set(x.to, { level: x.level, updatedAt: x.at });
        }
        recorded += 1;
      }
      if (recorded < o.relationships.length) {
        throw new AttuneError({
          code: "not-found",
          message: `${o.relationships.length - recorded} of ${o.relationships.length} relationships name an actor missing from this workspace`,
        });
      }
      return { recorded };
    },

    async recordSecondOrderBeliefs(input) {
      const o = parseGraphOptions("recordSecondOrderBeliefs", input);
      const w = db();
      const written = new Set<string>();
      for (const x of o.beliefs) {
        if (!w.actors.has(x.observerId) || !w.actors.has(x.subjectId) || !w.actors.has(x.aboutSubjectId)) continue;
        const mind = mergeMind(x.observerId, x.subjectId);
        for (const old of beliefsOf(mind, "current")) {
          if (
            old.id !== x.id &&
            old.order === 2 &&
            old.aboutSubjectId === x.aboutSubjectId &&
            old.dimension === x.dimension &&
            old.key === x.key
          ) {
            old.validTo = x.at;
            mind.current.delete(old.id);
          }
        }
        let b = w.beliefs.get(x.id);
        if (!b) {
          const prior = betaOf(x.mean, x.confidence);
          b = {
            id: x.id,
            observerId: x.observerId,
            subjectId: x.subjectId,
            dimension: x.dimension,
            key: x.key,
            alpha: prior.alpha,
            beta: prior.beta,
            mean: x.mean,
            confidence: x.confidence,
            validFrom: x.at,
            validTo: null,
            recordedAt: x.at,
            visibility: "private",
            order: 2,
            aboutSubjectId: x.aboutSubjectId,
            corrected: false,
            supportedBy: new Set(),
            aboutBelief: null,
          };
          w.beliefs.set(x.id, b);
        }
        mind.current.add(b.id);
        mind.has.add(b.id);
        // Linked to the first-order belief the subject holds about `aboutSubjectId`, when there is one.
        const first = [...w.minds.values()]
          .filter((m) => m.holder === x.subjectId)
          .flatMap((m) => beliefsOf(m, "current"))
          .find((f) => f.subjectId === x.aboutSubjectId && f.dimension === x.dimension && f.key === x.key);
        if (first) b.aboutBelief = first.id;
        written.add(b.id);
      }
      if (written.size < o.beliefs.length) {
        throw new AttuneError({
          code: "not-found",
          message: "a second-order belief names an actor missing from this workspace",
        });
      }
    },

    async recordTeam(input) {
      const o = parseGraphOptions("recordTeam", input);
      const w = db();
      const at = o.at ?? now();
      ensureWorkspace(at);
      const team = w.teams.get(o.teamId) ?? { id: o.teamId, name: o.name, createdAt: at };
      team.name = o.name;
      w.teams.set(o.teamId, team);
      const members = mapOf(w.memberships, o.teamId);
      if (o.replace) for (const id of [...members.keys()]) if (!o.memberIds.includes(id)) members.delete(id);
      let linked = 0;
      for (const id of o.memberIds) {
        if (!w.actors.has(id)) continue;
        if (!members.has(id)) members.set(id, at);
        linked += 1;
      }
      if (linked < new Set(o.memberIds).size) {
        throw new AttuneError({ code: "not-found", message: "a team member is missing from this workspace" });
      }
    },

    async recordPresence(input) {
      const o = parseGraphOptions("recordPresence", input);
      const w = db();
      const actor = w.actors.get(o.actorId);
      if (!actor) throw new AttuneError({ code: "not-found", message: `no actor ${o.actorId} in this workspace` });
      if (actor.lastSeenAt === null || actor.lastSeenAt < o.at) actor.lastSeenAt = o.at;
      const seen = mapOf(w.saw, o.actorId);
      for (const id of o.saw ?? []) if (w.messages.has(id) && !seen.has(id)) seen.set(id, o.at);
    },

    async recordExperiments(input) {
      const o = parseGraphOptions("recordExperiments", input);
      const w = db();
      for (const x of o.experiments) {
        if (!w.actors.has(x.subjectId)) continue;
        mergeTopic(x.topic, x.at);
        if (!w.experiments.has(x.id)) w.experiments.set(x.id, { ...x, of: x.subjectId });
      }
    },

    async readPersonModel(input) {
      const o = parseGraphOptions("readPersonModel", input);
      return personModel(o.personId, o.asOf, o.evidence ?? 5);
    },

    async correctBelief(input) {
      const o = parseGraphOptions("correctBelief", input);
      const w = db();
      const by = o.by ?? o.personId;
      const at = o.at ?? now();
      const stamp = stampOf(at);
      const ids: string[] = [];
      if (w.actors.has(o.personId) && w.actors.has(by)) {
        const targets = [...w.minds.values()]
          .filter((m) => m.about === o.personId)
          .flatMap((mind) =>
            beliefsOf(mind, "current")
              .filter((b) => b.dimension === o.dimension && b.key === o.key && b.order === 1)
              .map((old) => ({ mind, old })),
          );
        if (targets.some(({ old }) => w.beliefs.has(`${old.id}.c${stamp}`))) {
          throw new AttuneError({ code: "conflict", message: "correct belief: conflicts with existing data" });
        }
        const correction = JSON.stringify({
          dimension: o.dimension,
          key: o.key,
          value: o.value,
          at,
          text: o.text ?? "",
        });
        for (const { mind, old } of targets) {
          old.validTo = at;
          mind.current.delete(old.id);
          const id = `${old.id}.c${stamp}`;
          const evidenceId = `${id}.e`;
          w.evidence.set(evidenceId, {
            id: evidenceId,
            messageId: `correction-${stamp}`,
            speakerId: by,
            subjectId: o.personId,
            dimension: o.dimension,
            key: o.key,
            signal: "correction",
            weight: 6,
            value: o.value,
            excerpt: (o.text ?? "").slice(0, 500),
            observedAt: at,
            from: null,
            spokenBy: by,
            about: o.personId,
          });
          w.beliefs.set(id, {
            id,
            observerId: old.observerId,
            subjectId: old.subjectId,
            dimension: old.dimension,
            key: old.key,
            alpha: 1 + 12 * o.value,
            beta: 1 + 12 * (1 - o.value),
            mean: o.value,
            confidence: 1,
            validFrom: at,
            validTo: null,
            recordedAt: at,
            visibility: old.visibility,
            order: old.order,
            aboutSubjectId: null,
            corrected: true,
            supportedBy: new Set([evidenceId]),
            aboutBelief: null,
          });
          mind.current.add(id);
          mind.has.add(id);
          mind.pendingCorrections.push(correction);
          ids.push(id);
        }
        // Audit ids must not carry the person's id: audits outlive an erasure.
        const personHash = createHash("sha256").update(`${workspaceId}\u0000${o.personId}`).digest("hex").slice(0, 16);
        const auditId = `correct-${personHash}-${stamp}`;
        if (ids.length > 0 && !w.audits.has(auditId)) {
          w.audits.set(auditId, {
            id: auditId,
            action: "correct",
            actorId: by,
            at,
            subjectId: o.personId,
            subjectHash: null,
            what: `${o.dimension}/${o.key}`,
            versions: ids.length,
            policy: null,
            counts: null,
          });
        }
      }
      if (ids.length === 0) {
        throw new AttuneError({
          code: "not-found",
          message: `nobody holds a belief ${o.dimension}/${o.key} about ${o.personId} to correct`,
        });
      }
      return ids;
    },

    async erasePerson(input) {
      const o = parseGraphOptions("erasePerson", input);
      return erase(o.personId, o.by, o.messages, o.at ?? now());
    },

    async whoCanHelp(input) {
      return whoCanHelp(parseGraphOptions("whoCanHelp", input));
    },

    async strategiesThatWorked(input) {
      const o = parseGraphOptions("strategiesThatWorked", input);
      const w = db();
      const levelOf = (actorId: string | null) =>
        actorId === null || !w.actors.has(actorId) ? undefined : w.knows.get(actorId)?.get(o.topic)?.level;
      const seekerLevel = (w.topics.has(o.topic) ? levelOf(o.seekerId) : undefined) ?? 0.5;
      const band = o.band ?? 0.2;
      const rows = [...w.experiments.values()]
        .filter((x) => x.topic === o.topic)
        .filter((x) => Math.abs((levelOf(x.of) ?? 0.5) - seekerLevel) <= band && x.subjectId !== o.seekerId)
        .slice(0, 5000)
        .map((x) => ({ arms: x.arms, observed: x.observed }));
      return strategiesFrom(rows, o.minSamples ?? 5);
    },

    async teamSync(input) {
      return teamSync(parseGraphOptions("teamSync", input));
    },

    async query(input) {
      const query = parseGraphQuery((input as { query?: unknown } | undefined)?.query);
      return { kind: query.kind, ...runQuery(query) };
    },

    async listAudits() {
      return [...db().audits.values()]
        .sort((a, b) => cypherCompare(a.at, b.at) || cypherCompare(a.id, b.id))
        .map(
          (a): AuditRecord => ({
            id: a.id,
            action: a.action,
            actorId: a.actorId,
            at: a.at,
            subjectId: a.subjectId,
            subjectHash: a.subjectHash,
            what: a.what,
            versions: a.versions,
            policy: a.policy,
            counts: a.counts === null ? null : (JSON.parse(a.counts) as AuditRecord["counts"]),
          }),
        );
    },

    async listRecommendations(input) {
      const o = parseGraphOptions("listRecommendations", input);
      return [...db().recommendations.values()]
        .filter((r) => o.seekerId === undefined || r.seekerId === o.seekerId)
        .sort(
          (a, b) =>
            cypherCompare(a.topic, b.topic) ||
            cypherCompare(a.seekerId, b.seekerId) ||
            b.score - a.score ||
            cypherCompare(a.helperId, b.helperId),
        )
        .map((r) => ({ ...r }));
    },
  };
}
