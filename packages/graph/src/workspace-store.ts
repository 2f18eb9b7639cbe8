import {
  AttuneError,
  type Belief,
  type Channel,
  type ChannelKind,
  type Evidence,
  type Message,
  mindId,
  type QueuedCorrection,
  type Visibility,
} from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { mapNeo4jError } from "./map-error.js";
import { WORKSPACE_LABELS } from "./migrations.js";
import { type MindStateCache, mindStateCacheOf } from "./mind-state-cache.js";
import { checkId, int, runScoped } from "./run.js";

export interface SessionSetup {
  person: { id: string; name: string };
  assistant: { id: string; name: string; role: string };
  /** The other agents of the workspace's team, when it has one (they answer turns the router gives them). */
  agents?: { id: string; name: string; role: string }[];
  /** Channels every workspace starts with. */
  defaultChannels: { id: string; name: string; kind: ChannelKind }[];
  /** @default the workspace id */
  workspaceName?: string;
}

/** The persisted form of one mind: the engine's serialized state plus its current beliefs. */
export interface StoredMind {
  observerId: string;
  subjectId: string;
  /** Engine state as JSON text (versioned by the engine). */
  state: string;
}

export interface TurnRecord {
  /** The agent's reply to a stored person message. */
  reply: Message & { replyTo: string };
  mind: StoredMind;
  /** New evidence from this turn; each links to the message it was taken from. */
  evidence: Evidence[];
  /** New versions of beliefs that changed; older current versions of the same key are closed. */
  beliefs: Belief[];
  /** Queued corrections (as read by `readTurnContext`) the engine applied this turn: they leave the queue. */
  appliedCorrections?: string[];
  /** The reaction this turn revealed to the previous plan, kept for cross-person strategy learning. */
  experiments?: {
    id: string;
    topic: string;
    context: string;
    arms: string;
    predicted: number;
    observed: number;
    at: string;
  }[];
}

/** One message of a channel's recent history, as turns read it. */
export interface HistoryMessage {
  id: string;
  authorId: string;
  authorKind: string;
  authorName: string;
  text: string;
  createdAt: string;
  /** For agent replies: the message answered. */
  replyTo?: string | null;
}

/** A stored mind as a team turn reads it, with the corrections queued on it. */
export interface TeamMindState extends StoredMind {
  corrections: QueuedCorrection[];
}

/**
 * One team turn: a reply and every mind it changed (agents' minds of people, agents' models of each
 * other), each with the evidence and belief versions it produced.
 */
export interface TeamTurnRecord {
  reply: Message & { replyTo: string };
  minds: (StoredMind & {
    evidence?: Evidence[];
    beliefs?: Belief[];
    /** Queued corrections of this mind the engine applied this turn: they leave its queue. */
    appliedCorrections?: string[];
  })[];
  /** Reactions to previous plans this turn revealed, each about its subject. */
  experiments?: (NonNullable<TurnRecord["experiments"]>[number] & { subjectId: string })[];
}

export type { QueuedCorrection };

export interface BeliefWithEvidence extends Belief {
  evidence: (Evidence & { messageText: string | null })[];
}

const channelOf = (props: Record<string, unknown>): Channel => ({
  id: props.id as string,
  workspaceId: props.workspaceId as string,
  kind: props.kind as ChannelKind,
  name: props.name as string,
  ...(typeof props.teamId === "string" ? { teamId: props.teamId } : {}),
});

/**
 * Every read and write of one workspace. The workspace id is bound at construction and is a parameter
 * of every query, so no method can reach another tenant's nodes.
 */
/**
 * Cypher subquery body shared by `readTurnContext` and `readTeamContext`: `recent`, the channel's
 * `$limit` newest messages but `$beforeMessageId`, newest first, with their authors' names. Ordering
 * by the whole message_created key reads them straight off the index (a few db hits) instead of
 * sorting the channel (thousands after a few days of use); the few extra rows (`$wide`) let a reply
 * stored at the same instant as its question still come after it.
 */
const recentHistory = `MATCH (m:Message {workspaceId: $ws, channelId: $channelId})
         WHERE m.createdAt IS NOT NULL AND m.id <> $beforeMessageId
         WITH m ORDER BY m.workspaceId DESC, m.channelId DESC, m.createdAt DESC LIMIT $wide
         WITH m ORDER BY m.createdAt DESC, m.authorKind = 'agent' DESC LIMIT $limit
         OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: m.authorId})
         RETURN collect(m {.id, .authorId, .authorKind, .text, .createdAt, .replyTo, authorName: coalesce(a.name, m.authorId)}) AS recent`;

/** `$limit` and `$wide` of {@link recentHistory}. */
const historyLimits = (historyLimit = 10) => ({ limit: int(historyLimit), wide: int(historyLimit + 4) });

/**
 * Cypher subquery body shared by `recordTurn` and `recordTeamTurn`: stores the evidence maps of `list`
 * (idempotently, by id), each linked to its message, its speaker and the mind's `subject`.
 */
const evidenceWrite = (list: string) => `UNWIND ${list} AS e
         MATCH (src:Message {workspaceId: $ws, id: e.messageId})
         MATCH (speaker:Actor {workspaceId: $ws, id: e.speakerId})
         MERGE (ev:Evidence {workspaceId: $ws, id: e.id}) ON CREATE SET ev += e
         MERGE (ev)-[:FROM]->(src)
         MERGE (ev)-[:SPOKEN_BY]->(speaker)
         MERGE (ev)-[:ABOUT]->(subject)
         RETURN count(ev) AS evidenceCount`;

/**
 * Cypher subquery body shared by `recordTurn` and `recordTeamTurn`: stores the belief versions of
 * `list` in `mind`, bi-temporally. CURRENT points at each key's live version, so superseding costs
 * O(keys), not O(history); a retried turn finds its versions already linked, and only a new version
 * gets its HAS_BELIEF and SUPPORTED_BY edges.
 */
const beliefVersionsWrite = (list: string) => `UNWIND ${list} AS b
         OPTIONAL MATCH (mind)-[cur:CURRENT]->(old:Belief {dimension: b.props.dimension, key: b.props.key})
           WHERE old.id <> b.props.id AND coalesce(old.order, 1) = 1
         SET old.validTo = b.props.validFrom
         DELETE cur
         WITH DISTINCT b
         MERGE (nb:Belief {workspaceId: $ws, id: b.props.id}) ON CREATE SET nb += b.props, nb.isNew = true
         WITH nb, b, coalesce(nb.isNew, false) AS created
         REMOVE nb.isNew
         MERGE (mind)-[:CURRENT]->(nb)
         WITH nb, b, created WHERE created
         CREATE (mind)-[:HAS_BELIEF]->(nb)
         WITH nb, b
         CALL (nb, b) {
           UNWIND b.evidenceIds AS eid
           MATCH (ev:Evidence {workspaceId: $ws, id: eid})
           CREATE (nb)-[:SUPPORTED_BY]->(ev)
         }
         RETURN count(nb) AS beliefCount`;

export class WorkspaceStore {
  readonly workspaceId: string;
  readonly #connection: GraphConnection;

  readonly #minds: MindStateCache;

  constructor(options: { connection: GraphConnection; workspaceId: string }) {
    this.#connection = options.connection;
    this.workspaceId = checkId(options.workspaceId, "workspaceId");
    this.#minds = mindStateCacheOf(options.connection.driver ?? options.connection);
  }

  async #run(action: string, cypher: string, params: Record<string, unknown>, mode: "READ" | "WRITE" = "WRITE") {
    return runScoped(this.#connection, { workspaceId: this.workspaceId, action, cypher, params, mode });
  }

  /**
   * Makes sure the workspace, the person, the assistant agent and the default channels exist, in one
   * round trip; returns the workspace's channels.
   */
  async ensureSession(setup: SessionSetup): Promise<Channel[]> {
    const { records } = await this.#run(
      "session setup",
      `MERGE (w:Workspace {id: $ws}) ON CREATE SET w.workspaceId = $ws, w.name = $workspaceName, w.createdAt = $now
       MERGE (p:Actor:Person {workspaceId: $ws, id: $person.id})
         ON CREATE SET p.name = $person.name, p.createdAt = $now
       SET p.lastSeenAt = $now
       MERGE (p)-[:MEMBER_OF]->(w)
       WITH w
       CALL (w) {
         UNWIND $agents AS agent
         MERGE (a:Actor:Agent {workspaceId: $ws, id: agent.id})
           ON CREATE SET a.name = agent.name, a.role = agent.role, a.createdAt = $now
         MERGE (a)-[:MEMBER_OF]->(w)
       }
       CALL (w) {
         UNWIND $channels AS ch
         MERGE (c:Channel {workspaceId: $ws, id: ch.id})
           ON CREATE SET c.name = ch.name, c.kind = ch.kind, c.createdAt = $now
         MERGE (c)-[:IN]->(w)
       }
       MATCH (c:Channel {workspaceId: $ws})
       RETURN c {.*} AS channel ORDER BY c.createdAt, c.id`,
      {
        workspaceName: setup.workspaceName ?? this.workspaceId,
        person: { id: checkId(setup.person.id, "person id"), name: setup.person.name },
        agents: [setup.assistant, ...(setup.agents ?? [])].map((agent) => ({
          id: checkId(agent.id, "agent id"),
          name: agent.name,
          role: agent.role,
        })),
        channels: setup.defaultChannels,
        now: new Date().toISOString(),
      },
    );
    return records.map((r) => channelOf(r.get("channel")));
  }

  async listChannels(): Promise<Channel[]> {
    const { records } = await this.#run(
      "list channels",
      "MATCH (c:Channel {workspaceId: $ws}) RETURN c {.*} AS channel ORDER BY c.createdAt, c.id",
      {},
      "READ",
    );
    return records.map((r) => channelOf(r.get("channel")));
  }

  /** Creates a channel; creating an existing one with the same kind returns it (idempotent). */
  async createChannel(options: { id: string; name: string; kind: ChannelKind; createdBy: string }): Promise<Channel> {
    const { records } = await this.#run(
      "create channel",
      `MATCH (w:Workspace {id: $ws})
       MERGE (c:Channel {workspaceId: $ws, id: $id})
         ON CREATE SET c.name = $name, c.kind = $kind, c.createdAt = $now, c.createdBy = $createdBy
       MERGE (c)-[:IN]->(w)
       RETURN c {.*} AS channel`,
      { ...options, id: checkId(options.id, "channel id"), now: new Date().toISOString() },
    );
    const record = records[0];
    if (!record) throw new AttuneError({ code: "not-found", message: `workspace ${this.workspaceId} does not exist` });
    const channel = channelOf(record.get("channel"));
    if (channel.kind !== options.kind) {
      throw new AttuneError({
        code: "conflict",
        message: `channel ${options.id} already exists as a ${channel.kind} channel`,
      });
    }
    return channel;
  }

  /**
   * Stores a person's (or agent's) message in an existing channel. Idempotent by message id: a retry
   * returns the stored message with `created: false`; reusing an id for different text is a conflict.
   * An unknown channel or author writes nothing and throws `not-found`.
   */
  async acceptMessage(message: Message): Promise<{ created: boolean; replyId: string | null }> {
    const { records } = await this.#run(
      "store message",
      `OPTIONAL MATCH (c:Channel {workspaceId: $ws, id: $m.channelId})
       OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: $m.authorId})
       OPTIONAL CALL (c, a) {
         WITH c, a WHERE c IS NOT NULL AND a IS NOT NULL
         MERGE (m:Message {workspaceId: $ws, id: $m.id})
           ON CREATE SET m += $m, m.isNew = true
         MERGE (a)-[:SENT]->(m)
         MERGE (m)-[:IN]->(c)
         WITH m, coalesce(m.isNew, false) AS created
         REMOVE m.isNew
         WITH m, created
         OPTIONAL MATCH (r:Message)-[:REPLIES_TO]->(m)
         RETURN created, m.text AS text, r.id AS replyId
       }
       RETURN c IS NOT NULL AS hasChannel, a IS NOT NULL AS hasAuthor, created, text, replyId`,
      { m: stripUndefined(message) },
    );
    const record = records[0];
    if (!record?.get("hasChannel")) {
      throw new AttuneError({
        code: "not-found",
        message: `channel ${message.channelId} does not exist in this workspace`,
      });
    }
    if (!record.get("hasAuthor")) {
      throw new AttuneError({
        code: "not-found",
        message: `author ${message.authorId} is not a member of this workspace`,
      });
    }
    if (record.get("text") !== message.text) {
      throw new AttuneError({ code: "conflict", message: `message ${message.id} was already stored with other text` });
    }
    return { created: record.get("created") as boolean, replyId: record.get("replyId") as string | null };
  }

  /**
   * Everything a turn needs before it answers, in one read: the observer's stored mind of the subject
   * and the channel's most recent messages (oldest first), excluding `beforeMessageId` itself.
   */
  async readTurnContext(options: {
    observerId: string;
    subjectId: string;
    channelId: string;
    beforeMessageId: string;
    /** @default 10 */
    historyLimit?: number;
  }): Promise<{
    mindState: string | undefined;
    /** Corrections queued on the mind since its last turn (apply, then pass back as `appliedCorrections`). */
    corrections: QueuedCorrection[];
    history: HistoryMessage[];
  }> {
    const { records } = await this.#run(
      "read turn context",
      `OPTIONAL MATCH (:Actor {workspaceId: $ws, id: $observerId})-[:HOLDS]->(mind:Mind)-[:ABOUT]->(:Actor {workspaceId: $ws, id: $subjectId})
       CALL {
         ${recentHistory}
       }
       RETURN mind.state AS state, coalesce(mind.pendingCorrections, []) AS corrections, recent`,
      { ...options, ...historyLimits(options.historyLimit) },
      "READ",
    );
    const record = records[0];
    const recent = (record?.get("recent") ?? []) as HistoryMessage[];
    const corrections = parseCorrections((record?.get("corrections") ?? []) as string[]);
    return { mindState: (record?.get("state") as string | null) ?? undefined, corrections, history: recent.reverse() };
  }

  /** Reads the stored engine state of one mind, or undefined for a mind never persisted. */
  async readMindState(options: { observerId: string; subjectId: string }): Promise<string | undefined> {
    const { records } = await this.#run(
      "read mind",
      `MATCH (:Actor {workspaceId: $ws, id: $observerId})-[:HOLDS]->(mind:Mind)-[:ABOUT]->(:Actor {workspaceId: $ws, id: $subjectId})
       RETURN mind.state AS state`,
      options,
      "READ",
    );
    return (records[0]?.get("state") as string | undefined) ?? undefined;
  }

  /**
   * Writes one turn in a single transaction and round trip: the reply, the mind's state, its new
   * evidence (linked to source message, speaker and subject) and new belief versions (closing the
   * versions they supersede).
   */
  async recordTurn(turn: TurnRecord): Promise<void> {
    const id = mindId(turn.mind.observerId, turn.mind.subjectId);
    const { records } = await this.#run(
      "record turn",
      `MATCH (c:Channel {workspaceId: $ws, id: $reply.channelId})
       MATCH (agent:Actor {workspaceId: $ws, id: $reply.authorId})
       MATCH (q:Message {workspaceId: $ws, id: $reply.replyTo})
       MATCH (observer:Actor {workspaceId: $ws, id: $mind.observerId})
       MATCH (subject:Actor {workspaceId: $ws, id: $mind.subjectId})
       MERGE (r:Message {workspaceId: $ws, id: $reply.id}) ON CREATE SET r += $reply
       MERGE (agent)-[:SENT]->(r)
       MERGE (r)-[:IN]->(c)
       MERGE (r)-[:REPLIES_TO]->(q)
       MERGE (mind:Mind {workspaceId: $ws, id: $mindId})
         ON CREATE SET mind.observerId = $mind.observerId, mind.subjectId = $mind.subjectId
       SET mind.state = $mind.state, mind.rev = randomUUID(), mind.updatedAt = $now,
           mind.pendingCorrections = [c IN coalesce(mind.pendingCorrections, []) WHERE NOT c IN $applied]
       MERGE (observer)-[:HOLDS]->(mind)
       MERGE (mind)-[:ABOUT]->(subject)
       WITH mind, subject
       CALL (subject) {
         ${evidenceWrite("$evidence")}
       }
       CALL (mind) {
         ${beliefVersionsWrite("$beliefs")}
       }
       // The who-knows-what index follows every first-order knowledge belief, so recommendations never
       // scan beliefs; sharing follows the person's consent (or a belief they made visible).
       CALL (subject) {
         UNWIND $knows AS k
         MERGE (t:Topic {workspaceId: $ws, id: k.topic}) ON CREATE SET t.name = k.topic, t.createdAt = $now
         MERGE (subject)-[r:KNOWS]->(t)
         SET r.level = k.level, r.confidence = k.confidence, r.updatedAt = k.at,
             r.shareable = coalesce(subject.shareKnowledge, false) OR k.visible
         RETURN count(*) AS knowsCount
       }
       CALL (subject) {
         UNWIND $experiments AS x
         MERGE (t:Topic {workspaceId: $ws, id: x.topic}) ON CREATE SET t.name = x.topic, t.createdAt = $now
         MERGE (e:Experiment {workspaceId: $ws, id: x.id}) ON CREATE SET e += x, e.subjectId = subject.id
         MERGE (e)-[:ON]->(t)
         MERGE (e)-[:OF]->(subject)
         RETURN count(*) AS experimentCount
       }
       RETURN evidenceCount, beliefCount, mind.rev AS rev`,
      {
        reply: stripUndefined(turn.reply),
        mind: turn.mind,
        mindId: id,
        now: new Date().toISOString(),
        evidence: turn.evidence.map(stripUndefined),
        applied: turn.appliedCorrections ?? [],
        knows: turn.beliefs
          .filter((b) => b.dimension === "knowledge" && b.subjectId === turn.mind.subjectId && b.key !== "general")
          .map((b) => ({
            topic: b.key,
            level: b.mean,
            confidence: b.confidence,
            at: b.validFrom,
            visible: b.visibility !== "private",
          })),
        experiments: (turn.experiments ?? []).map(stripUndefined),
        beliefs: turn.beliefs.map(({ evidenceIds, distribution, ...rest }) => ({
          evidenceIds,
          props: { ...stripUndefined(rest), alpha: distribution.alpha, beta: distribution.beta },
        })),
      },
    );
    if (records.length === 0) {
      throw new AttuneError({
        code: "not-found",
        message: "cannot record the turn: its channel, agent, person or question is missing from this workspace",
      });
    }
    this.#minds.put(this.workspaceId, id, records[0]?.get("rev") as string, turn.mind.state);
  }

  /**
   * Everything a team turn needs before it answers, in one read: the channel's most recent messages
   * (oldest first, excluding `beforeMessageId`) and every stored mind the given agents hold of the
   * people the turn may answer (`personId` and whoever wrote since the last agent message in that
   * window) and of each other (an agent's model of itself included). Minds are found by id
   * (`observer~subject`), never by scanning an agent's minds.
   */
  async readTeamContext(options: {
    agentIds: string[];
    personId: string;
    channelId: string;
    beforeMessageId: string;
    /** @default 10 */
    historyLimit?: number;
  }): Promise<{ minds: TeamMindState[]; history: HistoryMessage[] }> {
    const agentIds = options.agentIds.map((id) => checkId(id, "agent id"));
    const personId = checkId(options.personId, "person id");
    // The texts this process holds of the minds the turn is sure to read (the agents' minds of the
    // person and of each other), by revision: the query returns only the states that changed since.
    const known = new Map<string, string>();
    for (const observerId of agentIds) {
      for (const subjectId of [personId, ...agentIds]) {
        const cached = this.#minds.get(this.workspaceId, mindId(observerId, subjectId));
        if (cached) known.set(cached.rev, cached.state);
      }
    }
    const { records } = await this.#run(
      "read team context",
      `CALL {
         ${recentHistory}
       }
       WITH recent, [i IN range(0, size(recent) - 1) WHERE recent[i].authorKind = 'agent'] AS agentAt
       WITH recent, CASE WHEN size(agentAt) = 0 THEN size(recent) ELSE agentAt[0] END AS unanswered
       WITH recent, [$personId] + [m IN recent[0..unanswered] WHERE m.authorKind <> 'agent' | m.authorId] + $agentIds AS subjects
       CALL (subjects) {
         UNWIND $agentIds AS observerId
         UNWIND subjects AS subjectId
         WITH DISTINCT observerId, subjectId
         MATCH (mind:Mind {workspaceId: $ws, id: observerId + '~' + subjectId})
         WHERE mind.observerId = observerId AND mind.state IS NOT NULL
         RETURN collect(mind {
           .observerId, .subjectId, .rev,
           state: CASE WHEN mind.rev IN $known THEN null ELSE mind.state END,
           corrections: coalesce(mind.pendingCorrections, [])
         }) AS minds
       }
       RETURN recent, minds`,
      {
        agentIds,
        personId,
        known: [...known.keys()],
        channelId: options.channelId,
        beforeMessageId: options.beforeMessageId,
        ...historyLimits(options.historyLimit),
      },
      "READ",
    );
    const record = records[0];
    const recent = (record?.get("recent") ?? []) as HistoryMessage[];
    const stored = (record?.get("minds") ?? []) as {
      observerId: string;
      subjectId: string;
      rev: string | null;
      state: string | null;
      corrections: string[];
    }[];
    const minds = stored.map((m) => {
      const id = mindId(m.observerId, m.subjectId);
      let state = m.state;
      if (state === null) state = known.get(m.rev as string) as string;
      else this.#minds.put(this.workspaceId, id, m.rev, state);
      return { observerId: m.observerId, subjectId: m.subjectId, state, corrections: parseCorrections(m.corrections) };
    });
    return { minds, history: recent.reverse() };
  }

  /**
   * Writes one team turn in a single transaction and round trip: the reply, then for every mind it
   * changed its state, new evidence (linked to source message, speaker and subject) and new belief
   * versions (closing the ones they supersede); the who-knows-what index follows the most confident
   * knowledge belief any of the minds holds. A missing channel, question or actor writes nothing.
   */
  async recordTeamTurn(turn: TeamTurnRecord): Promise<void> {
    const actorIds = [...new Set([turn.reply.authorId, ...turn.minds.flatMap((m) => [m.observerId, m.subjectId])])].map(
      (id) => checkId(id, "actor id"),
    );
    const knows = new Map<
      string,
      { subjectId: string; topic: string; level: number; confidence: number; at: string; visible: boolean }
    >();
    for (const mind of turn.minds) {
      for (const b of mind.beliefs ?? []) {
        if (b.dimension !== "knowledge" || b.subjectId !== mind.subjectId || b.key === "general") continue;
        const key = `${b.subjectId}\u0000${b.key}`;
        const seen = knows.get(key);
        if (seen && seen.confidence >= b.confidence) continue;
        knows.set(key, {
          subjectId: b.subjectId,
          topic: b.key,
          level: b.mean,
          confidence: b.confidence,
          at: b.validFrom,
          visible: b.visibility !== "private",
        });
      }
    }
    const { records } = await this.#run(
      "record team turn",
      `MATCH (c:Channel {workspaceId: $ws, id: $reply.channelId})
       MATCH (agent:Actor {workspaceId: $ws, id: $reply.authorId})
       MATCH (q:Message {workspaceId: $ws, id: $reply.replyTo})
       CALL () {
         UNWIND $actorIds AS id
         MATCH (a:Actor {workspaceId: $ws, id: id})
         RETURN count(a) AS found
       }
       WITH c, agent, q WHERE found = size($actorIds)
       MERGE (r:Message {workspaceId: $ws, id: $reply.id}) ON CREATE SET r += $reply
       MERGE (agent)-[:SENT]->(r)
       MERGE (r)-[:IN]->(c)
       MERGE (r)-[:REPLIES_TO]->(q)
       WITH DISTINCT r
       CALL () {
         UNWIND $minds AS md
         MATCH (observer:Actor {workspaceId: $ws, id: md.observerId})
         MATCH (subject:Actor {workspaceId: $ws, id: md.subjectId})
         MERGE (mind:Mind {workspaceId: $ws, id: md.observerId + '~' + md.subjectId})
           ON CREATE SET mind.observerId = md.observerId, mind.subjectId = md.subjectId
         SET mind.state = md.state, mind.rev = randomUUID(), mind.updatedAt = $now,
             mind.pendingCorrections = [x IN coalesce(mind.pendingCorrections, []) WHERE NOT x IN md.applied]
         MERGE (observer)-[:HOLDS]->(mind)
         MERGE (mind)-[:ABOUT]->(subject)
         WITH mind, subject, md
         CALL (subject, md) {
           ${evidenceWrite("md.evidence")}
         }
         CALL (mind, md) {
           ${beliefVersionsWrite("md.beliefs")}
         }
         RETURN collect([mind.id, mind.rev]) AS revs
       }
       CALL () {
         UNWIND $knows AS k
         MATCH (subject:Actor {workspaceId: $ws, id: k.subjectId})
         MERGE (t:Topic {workspaceId: $ws, id: k.topic}) ON CREATE SET t.name = k.topic, t.createdAt = $now
         MERGE (subject)-[rel:KNOWS]->(t)
         SET rel.level = k.level, rel.confidence = k.confidence, rel.updatedAt = k.at,
             rel.shareable = coalesce(subject.shareKnowledge, false) OR k.visible
         RETURN count(*) AS knowsCount
       }
       CALL () {
         UNWIND $experiments AS x
         MATCH (subject:Actor {workspaceId: $ws, id: x.subjectId})
         MERGE (t:Topic {workspaceId: $ws, id: x.topic}) ON CREATE SET t.name = x.topic, t.createdAt = $now
         MERGE (e:Experiment {workspaceId: $ws, id: x.id}) ON CREATE SET e += x
         MERGE (e)-[:ON]->(t)
         MERGE (e)-[:OF]->(subject)
         RETURN count(*) AS experimentCount
       }
       RETURN revs`,
      {
        reply: stripUndefined(turn.reply),
        actorIds,
        now: new Date().toISOString(),
        minds: turn.minds.map((m) => ({
          observerId: m.observerId,
          subjectId: m.subjectId,
          state: m.state,
          applied: m.appliedCorrections ?? [],
          evidence: (m.evidence ?? []).map(stripUndefined),
          beliefs: (m.beliefs ?? []).map(({ evidenceIds, distribution, ...rest }) => ({
            evidenceIds,
            props: { ...stripUndefined(rest), alpha: distribution.alpha, beta: distribution.beta },
          })),
        })),
        knows: [...knows.values()],
        experiments: (turn.experiments ?? []).map(stripUndefined),
      },
    );
    if (records.length === 0) {
      throw new AttuneError({
        code: "not-found",
        message:
          "cannot record the team turn: its channel, question or one of its actors is missing from this workspace",
      });
    }
    const states = new Map(turn.minds.map((m) => [mindId(m.observerId, m.subjectId), m.state]));
    for (const [id, rev] of (records[0]?.get("revs") ?? []) as [string, string][]) {
      const state = states.get(id);
      if (state !== undefined) this.#minds.put(this.workspaceId, id, rev, state);
    }
  }

  /**
   * The current beliefs an observer holds about a subject (or, with `asOf`, those valid then), each
   * with its evidence and the text of the message the evidence came from.
   */
  async readBeliefs(options: { observerId: string; subjectId: string; asOf?: string }): Promise<BeliefWithEvidence[]> {
    const { records } = await this.#run(
      "read beliefs",
      `MATCH (:Actor {workspaceId: $ws, id: $observerId})-[:HOLDS]->(mind:Mind)-[:ABOUT]->(:Actor {workspaceId: $ws, id: $subjectId})
       CALL (mind) {
         WITH mind WHERE $asOf IS NULL
         MATCH (mind)-[:CURRENT]->(b:Belief)
         RETURN b
         UNION
         WITH mind WHERE $asOf IS NOT NULL
         MATCH (mind)-[:HAS_BELIEF]->(b:Belief)
         WHERE b.validFrom <= $asOf AND (b.validTo IS NULL OR b.validTo > $asOf)
         RETURN b
       }
       OPTIONAL MATCH (b)-[:SUPPORTED_BY]->(e:Evidence)-[:FROM]->(m:Message)
       WITH b, collect(CASE WHEN e IS NULL THEN NULL ELSE e {.*, messageText: m.text} END) AS evidence
       RETURN b {.*} AS belief, evidence
       ORDER BY b.dimension, b.key`,
      { ...options, asOf: options.asOf ?? null },
      "READ",
    );
    return records.map((r) => {
      const { alpha, beta, ...rest } = r.get("belief") as Record<string, unknown>;
      const evidence = r.get("evidence") as (Evidence & { messageText: string | null })[];
      return {
        ...(rest as Omit<Belief, "distribution">),
        distribution: { alpha: alpha as number, beta: beta as number },
        evidenceIds: evidence.map((e) => e.id),
        visibility: (rest.visibility as Visibility) ?? "private",
        evidence,
      } as BeliefWithEvidence;
    });
  }

  /** Counts of this workspace's nodes by label (for tests, status pages and erase audits). */
  async counts(): Promise<Record<string, number>> {
    const { records } = await this.#run(
      "count nodes",
      // One index seek per label (a label-less match would scan every node of every workspace).
      `CALL {
         ${[...WORKSPACE_LABELS, "Person", "Agent"]
           .map((label) => `MATCH (n:${label} {workspaceId: $ws}) RETURN '${label}' AS label, count(n) AS n`)
           .join("\n         UNION ALL\n         ")}
       }
       WITH label, n WHERE n > 0
       RETURN label, n`,
      {},
      "READ",
    );
    return Object.fromEntries(records.map((r) => [r.get("label") as string, r.get("n") as number]));
  }

  /** Deletes everything this workspace owns, including the workspace node. */
  async dropWorkspace(): Promise<void> {
    // CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction, hence a raw session.
    const session = this.#connection.driver.session({
      defaultAccessMode: "WRITE",
      ...(this.#connection.database ? { database: this.#connection.database } : {}),
    });
    this.#minds.forgetWorkspace(this.workspaceId);
    try {
      for (const label of WORKSPACE_LABELS) {
        await session.run(
          `MATCH (n:${label} {workspaceId: $ws}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
          { ws: this.workspaceId },
        );
      }
      await session.run("MATCH (w:Workspace {id: $ws}) DETACH DELETE w", { ws: this.workspaceId });
    } catch (error) {
      throw mapNeo4jError(error, "drop workspace");
    } finally {
      await session.close();
    }
  }
}

function parseCorrections(raws: string[]): QueuedCorrection[] {
  return raws.flatMap((raw): QueuedCorrection[] => {
    try {
      const c = JSON.parse(raw) as Omit<QueuedCorrection, "raw">;
      return [{ raw, dimension: c.dimension, key: c.key, value: c.value, at: c.at, text: c.text ?? "" }];
    } catch {
      return []; // a malformed entry cannot be applied; it is dropped with the next turn's write
    }
  });
}

/**
 * A payload's properties as stored: undefined ones dropped, and its own `workspaceId` too, since the
 * node's workspace is always this store's (the MERGE key sets it). Copying it with `+=` would let a
 * payload naming another workspace create a node there, or probe that workspace's ids through the
 * unique constraint.
 */
function stripUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && k !== "workspaceId"));
}
