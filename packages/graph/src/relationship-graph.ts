import {
  AttuneError,
  ChannelKindSchema,
  type Dimension,
  DimensionSchema,
  type GraphQuery,
  type GraphQueryInput,
  type GraphQueryResult,
  GraphQuerySchema,
  IdSchema,
  MAX_MESSAGE_TEXT,
  TimestampSchema,
  type Visibility,
  VisibilitySchema,
} from "@attune/model";
import { z } from "zod";
import type { ErasureReport } from "./erasure.js";
import type { PersonModel } from "./person-model.js";
import {
  type ExperimentRecord,
  ExperimentRecordSchema,
  type HelperCandidate,
  type Strategy,
} from "./recommendations.js";
import {
  type Knows,
  KnowsSchema,
  type Relationship,
  RelationshipSchema,
  type SecondOrderBelief,
  SecondOrderBeliefSchema,
} from "./relationships.js";
import type { MemberSync } from "./team-sync.js";

/**
 * The relationship graph of one workspace behind an interface: the people and agents, what they know,
 * how they relate, what each believes about the others (with evidence and history), and the reads
 * built on that (person models, who can help, strategies, team sync, typed queries).
 *
 * Two implementations pass the same conformance suite (`./conformance/relationship-graph-conformance.ts`):
 * `createNeo4jRelationshipGraph` (production) and `createMemoryRelationshipGraph` (unit tests).
 * Every method validates its options the same way in both (see `parseGraphOptions`), so errors and
 * their codes agree: malformed input → `invalid-payload`, a missing actor/team/person → `not-found`,
 * a reused id with other content → `conflict`.
 */
export interface RelationshipGraph {
  /** The workspace every call is confined to (fixed at construction). */
  readonly workspaceId: string;

  // ── setup writes ────────────────────────────────────────────────────────────────────────────────

  /** Creates the workspace node if needed; sets its name and erasure policy when given. */
  ensureWorkspace(options: EnsureWorkspaceOptions): Promise<void>;
  /**
   * Creates or updates a person (`Actor:Person`, member of the workspace). Name always set;
   * availability and timezone when given. An agent with the same id → `conflict`.
   */
  ensurePerson(options: EnsurePersonOptions): Promise<void>;
  /** Creates or updates an AI agent (`Actor:Agent`). A person with the same id → `conflict`. */
  ensureAgent(options: EnsureAgentOptions): Promise<void>;
  /**
   * Creates a channel if missing (name and `teamId` updated when given). A team channel's messages are
   * what team sync reads. Re-creating it with another kind → `conflict`.
   */
  ensureChannel(options: EnsureChannelOptions): Promise<void>;
  /**
   * Stores a message (or event/decision, by `kind`) in an existing channel, sent by an existing actor,
   * optionally replying to an existing message. Idempotent by id (`created: false` on a retry); the
   * same id with other text, channel or author → `conflict`. Missing channel/author/reply → `not-found`.
   */
  addMessage(options: AddMessageOptions): Promise<{ created: boolean }>;
  /**
   * Writes first-order beliefs the way a turn does (`WorkspaceStore.recordTurn`): the observer's
   * `Mind` of the subject (HOLDS/ABOUT), the new evidence (FROM its message, SPOKEN_BY its speaker,
   * ABOUT the subject) and a new `Belief` version per key (HAS_BELIEF + CURRENT, closing the live
   * first-order version of the same dimension/key: `validTo` = the new `validFrom`). Beliefs are
   * applied in order. Idempotent by id. Anything referenced that is missing → `not-found`, written nothing.
   */
  recordBeliefs(options: RecordBeliefsOptions): Promise<void>;

  // ── relationship writes (see the function API of the same names) ──────────────────────────────

  /** Keeps the `KNOWS` index current (one edge per person and topic; topics created on first mention). Unknown people are skipped. */
  recordKnowledge(options: { knows: Knows[] }): Promise<void>;
  /** Collaborations strengthen a tie, help is counted per topic, trust is the latest level. A missing actor → `not-found`. */
  recordRelationships(options: { relationships: Relationship[] }): Promise<{ recorded: number }>;
  /** Second-order beliefs, each a new version closing the previous one for the same observer/subject/about/key. */
  recordSecondOrderBeliefs(options: { beliefs: SecondOrderBelief[] }): Promise<void>;
  /** Creates/updates a team and its membership (members must exist; `replace` drops the unlisted). */
  recordTeam(options: RecordTeamOptions): Promise<void>;
  /** An actor was present at `at` (last presence only moves forward) and saw these messages. */
  recordPresence(options: RecordPresenceOptions): Promise<void>;
  /** Records plan → reaction experiments (idempotent by id; a missing subject is skipped). */
  recordExperiments(options: { experiments: ExperimentRecord[] }): Promise<void>;

  // ── reads and person-driven changes ───────────────────────────────────────────────────────────

  /** Every observer's beliefs about a person (or agent) with evidence, now or `asOf`. Unknown → `not-found`. */
  readPersonModel(options: ReadPersonModelOptions): Promise<PersonModel>;
  /** A person's correction: new versions at the corrected value, old ones closed, audited. @returns new version ids */
  correctBelief(options: CorrectBeliefOptions): Promise<string[]>;
  /** Erases a person (not an agent) and everything personal about them; an audit of counts remains. */
  erasePerson(options: ErasePersonOptions): Promise<ErasureReport>;
  /** Who can help the seeker with a topic, ranked by `HELP_WEIGHTS`, with explanations. Unknown seeker → `not-found`. */
  whoCanHelp(options: WhoCanHelpOptions): Promise<HelperCandidate[]>;
  /** Which explanation strategies worked for people at a similar level on the topic. */
  strategiesThatWorked(options: StrategiesOptions): Promise<Strategy[]>;
  /** Per member: missed team events (decisions first) with who saw them, and divergent beliefs. Unknown team → `not-found`. */
  teamSync(options: TeamSyncOptions): Promise<MemberSync[]>;
  /**
   * One typed query (`GraphQuerySchema`). `cypher` is not part of the interface: the in-memory graph
   * answers it with `forbidden`; the Neo4j graph does whatever `runGraphQuery` does.
   */
  query(options: { query: RelationshipGraphQuery }): Promise<GraphQueryResult>;
  /** The audit trail (corrections and erasures), oldest first. */
  listAudits(): Promise<AuditRecord[]>;
  /** Recommendations persisted by `whoCanHelp({ record: true })`, by topic, seeker, score (best first), helper. */
  listRecommendations(options?: { seekerId?: string }): Promise<RecommendationRecord[]>;
}

/** Every typed query kind except raw Cypher (which only Neo4j can answer). */
export type RelationshipGraphQuery = Exclude<GraphQueryInput, { kind: "cypher" }>;

export type ErasePolicy = "delete-messages" | "redact-messages";

export interface EnsureWorkspaceOptions {
  name?: string;
  /** What erasing a person does to their messages. */
  erasePolicy?: ErasePolicy;
  at?: string;
}

export interface EnsurePersonOptions {
  id: string;
  name: string;
  /** 0..1: how available they usually are (who-can-help). */
  availability?: number;
  timezone?: string;
  /** Creation time. @default now */
  at?: string;
}

export interface EnsureAgentOptions {
  id: string;
  name: string;
  /** @default "assistant" */
  role?: string;
  at?: string;
}

export interface EnsureChannelOptions {
  id: string;
  name: string;
  /** @default "team" */
  kind?: "direct" | "team";
  /** The team whose channel this is (team sync reads its messages). */
  teamId?: string;
  at?: string;
}

export interface AddMessageOptions {
  id: string;
  channelId: string;
  authorId: string;
  text: string;
  createdAt: string;
  /** `decision` and `event` come first in team sync. @default "message" (stored absent) */
  kind?: string;
  replyTo?: string;
}

/** One evidence item of `recordBeliefs` (its subject is the call's subject). */
export interface EvidenceInput {
  id: string;
  messageId: string;
  speakerId: string;
  dimension: Dimension;
  key: string;
  signal: string;
  weight: number;
  value?: number;
  excerpt: string;
  observedAt: string;
}

/** One first-order belief version of `recordBeliefs`. */
export interface BeliefInput {
  id: string;
  dimension: Dimension;
  key: string;
  mean: number;
  confidence: number;
  validFrom: string;
  /** @default validFrom */
  recordedAt?: string;
  /** @default "private" */
  visibility?: Visibility;
  /** Beta parameters. @default 1 + 10·mean·confidence, 1 + 10·(1 − mean)·confidence */
  alpha?: number;
  beta?: number;
  /** Evidence (of this call or stored earlier) supporting this version. */
  evidenceIds?: string[];
}

export interface RecordBeliefsOptions {
  observerId: string;
  subjectId: string;
  /** Serialized engine state to keep on the mind. */
  state?: string;
  evidence?: EvidenceInput[];
  beliefs: BeliefInput[];
  /** The mind's `updatedAt`. @default now */
  at?: string;
}

export interface RecordTeamOptions {
  teamId: string;
  name: string;
  memberIds: string[];
  /** Remove members that are not in `memberIds`. @default false */
  replace?: boolean;
  at?: string;
}

export interface RecordPresenceOptions {
  actorId: string;
  at: string;
  /** Messages the actor saw. */
  saw?: string[];
}

export interface ReadPersonModelOptions {
  personId: string;
  /** The versions valid at this instant instead of the live ones. */
  asOf?: string | undefined;
  /** Evidence items per belief, most recent first. @default 5 */
  evidence?: number;
}

export interface CorrectBeliefOptions {
  personId: string;
  dimension: Dimension;
  key: string;
  /** Corrected value, 0..1. */
  value: number;
  /** The person's own words (the evidence excerpt). */
  text?: string | undefined;
  /** Who made the correction. @default the person */
  by?: string | undefined;
  at?: string | undefined;
}

export interface ErasePersonOptions {
  personId: string;
  /** Who asked (kept in the audit). */
  by: string;
  /** @default the workspace's `erasePolicy`, else "delete-messages" */
  messages?: ErasePolicy;
  at?: string;
}

export interface WhoCanHelpOptions {
  seekerId: string;
  topic: string;
  /** Clamped to 1..20. @default 5 */
  limit?: number;
  /** Candidates considered after the knowledge cut. @default 40 */
  pool?: number;
  /** Persist the answer as recommendations. @default false */
  record?: boolean;
  at?: string;
}

export interface StrategiesOptions {
  seekerId: string;
  topic: string;
  /** How close in level "similar" is. @default 0.2 */
  band?: number;
  /** @default 5 */
  minSamples?: number;
}

export interface TeamSyncOptions {
  teamId: string;
  memberId?: string | undefined;
  /** Events per member, clamped to 1..200. @default 50 */
  limit?: number;
  /** @default 0.3 */
  divergence?: number;
}

/** One audit entry. Erasure audits hold counts and a subject hash, never the person's id. */
export interface AuditRecord {
  id: string;
  action: "erase" | "correct";
  actorId: string;
  at: string;
  /** `correct`: the person corrected. `erase`: null. */
  subjectId: string | null;
  /** `erase`: one-way hash of workspace + person. */
  subjectHash: string | null;
  /** `correct`: `dimension/key`. */
  what: string | null;
  /** `correct`: how many versions were written. */
  versions: number | null;
  /** `erase`: the message policy applied. */
  policy: string | null;
  /** `erase`: what was removed. */
  counts: ErasureReport["counts"] | null;
}

export interface RecommendationRecord {
  id: string;
  topic: string;
  seekerId: string;
  helperId: string;
  score: number;
  explanation: string;
  updatedAt: string;
}

// ── shared validation: both implementations parse options with these, so errors agree ─────────────

const Name = z.string().min(1).max(200);
const Topic = z.string().min(1).max(200);
const Unit = z.number().min(0).max(1);
const Finite = z.number().finite();

const unique = (items: { id: string }[]) => new Set(items.map((x) => x.id)).size === items.length;

const EvidenceInputSchema = z.object({
  id: IdSchema,
  messageId: IdSchema,
  speakerId: IdSchema,
  dimension: DimensionSchema,
  key: Topic,
  signal: z.string().min(1).max(100),
  weight: z.number().min(-10).max(10),
  value: Unit.optional(),
  excerpt: z.string().max(500),
  observedAt: TimestampSchema,
});

const BeliefInputSchema = z.object({
  id: IdSchema,
  dimension: DimensionSchema,
  key: Topic,
  mean: Unit,
  confidence: Unit,
  validFrom: TimestampSchema,
  recordedAt: TimestampSchema.optional(),
  visibility: VisibilitySchema.optional(),
  alpha: z.number().positive().optional(),
  beta: z.number().positive().optional(),
  evidenceIds: z.array(IdSchema).optional(),
});

/** The option schemas of every `RelationshipGraph` method. */
export const GRAPH_OPTION_SCHEMAS = {
  ensureWorkspace: z.object({
    name: Name.optional(),
    erasePolicy: z.enum(["delete-messages", "redact-messages"]).optional(),
    at: TimestampSchema.optional(),
  }),
  ensurePerson: z.object({
    id: IdSchema,
    name: Name,
    availability: Unit.optional(),
    timezone: z.string().min(1).max(100).optional(),
    at: TimestampSchema.optional(),
  }),
  ensureAgent: z.object({
    id: IdSchema,
    name: Name,
    role: z.string().max(500).optional(),
    at: TimestampSchema.optional(),
  }),
  ensureChannel: z.object({
    id: IdSchema,
    name: Name,
    kind: ChannelKindSchema.optional(),
    teamId: IdSchema.optional(),
    at: TimestampSchema.optional(),
  }),
  addMessage: z.object({
    id: IdSchema,
    channelId: IdSchema,
    authorId: IdSchema,
    text: z
      .string()
      .min(1)
      .max(MAX_MESSAGE_TEXT * 4),
    createdAt: TimestampSchema,
    kind: z.string().min(1).max(50).optional(),
    replyTo: IdSchema.optional(),
  }),
  recordBeliefs: z.object({
    observerId: IdSchema,
    subjectId: IdSchema,
    state: z.string().optional(),
    evidence: z.array(EvidenceInputSchema).refine(unique, "evidence ids must be unique").optional(),
    beliefs: z.array(BeliefInputSchema).refine(unique, "belief ids must be unique"),
    at: TimestampSchema.optional(),
  }),
  recordKnowledge: z.object({ knows: z.array(KnowsSchema) }),
  recordRelationships: z.object({ relationships: z.array(RelationshipSchema) }),
  recordSecondOrderBeliefs: z.object({ beliefs: z.array(SecondOrderBeliefSchema) }),
  recordTeam: z.object({
    teamId: IdSchema,
    name: Name,
    memberIds: z.array(IdSchema),
    replace: z.boolean().optional(),
    at: TimestampSchema.optional(),
  }),
  recordPresence: z.object({ actorId: IdSchema, at: TimestampSchema, saw: z.array(IdSchema).optional() }),
  recordExperiments: z.object({ experiments: z.array(ExperimentRecordSchema) }),
  readPersonModel: z.object({
    personId: IdSchema,
    asOf: TimestampSchema.optional(),
    evidence: z.number().int().min(0).max(50).optional(),
  }),
  correctBelief: z.object({
    personId: IdSchema,
    dimension: DimensionSchema,
    key: Topic,
    value: Unit,
    text: z.string().max(500).optional(),
    by: IdSchema.optional(),
    at: TimestampSchema.optional(),
  }),
  erasePerson: z.object({
    personId: IdSchema,
    by: IdSchema,
    messages: z.enum(["delete-messages", "redact-messages"]).optional(),
    at: TimestampSchema.optional(),
  }),
  whoCanHelp: z.object({
    seekerId: IdSchema,
    topic: Topic,
    limit: Finite.optional(),
    pool: Finite.optional(),
    record: z.boolean().optional(),
    at: TimestampSchema.optional(),
  }),
  strategiesThatWorked: z.object({
    seekerId: IdSchema,
    topic: Topic,
    band: z.number().min(0).max(1).optional(),
    minSamples: z.number().int().min(1).optional(),
  }),
  teamSync: z.object({
    teamId: IdSchema,
    memberId: IdSchema.optional(),
    limit: Finite.optional(),
    divergence: z.number().min(0).max(1).optional(),
  }),
  listRecommendations: z.object({ seekerId: IdSchema.optional() }),
} as const;

export type GraphMethod = keyof typeof GRAPH_OPTION_SCHEMAS;

/** Parses a method's options with its schema; failures are `invalid-payload` with the issues. */
export function parseGraphOptions<M extends GraphMethod>(
  method: M,
  options: unknown,
): z.output<(typeof GRAPH_OPTION_SCHEMAS)[M]> {
  const parsed = GRAPH_OPTION_SCHEMAS[method].safeParse(options ?? {});
  if (!parsed.success) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `${method}: invalid options`,
      details: parsed.error.issues,
    });
  }
  return parsed.data as z.output<(typeof GRAPH_OPTION_SCHEMAS)[M]>;
}

/** Checks a workspace id at construction (`invalid-payload`). */
export function checkWorkspaceId(workspaceId: unknown): string {
  if (!IdSchema.safeParse(workspaceId).success) {
    throw new AttuneError({ code: "invalid-payload", message: "workspaceId is not a valid id" });
  }
  return workspaceId as string;
}

/**
 * Validates a typed query the way `runGraphQuery` does (`invalid-payload`), plus the interface's own
 * rule: a path needs two different people (Neo4j's shortestPath cannot start and end on one node).
 */
export function parseGraphQuery(query: unknown): GraphQuery {
  const parsed = GraphQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new AttuneError({ code: "invalid-payload", message: "invalid graph query", details: parsed.error.issues });
  }
  if (parsed.data.kind === "path" && parsed.data.fromId === parsed.data.toId) {
    throw new AttuneError({ code: "invalid-payload", message: "a path needs two different people" });
  }
  return parsed.data;
}

/** What `recordBeliefs` found before writing; both implementations decide with `recordBeliefsProblem`. */
export interface RecordBeliefsCheck {
  hasObserver: boolean;
  hasSubject: boolean;
  missingMessages: string[];
  missingSpeakers: string[];
  /** Evidence ids referenced by beliefs, neither in the call nor stored. */
  missingEvidence: string[];
  /** Belief ids stored for another observer/subject (or as second-order). */
  foreignBeliefs: string[];
  /** Evidence ids stored about another subject. */
  foreignEvidence: string[];
}

/** The first problem of a `recordBeliefs` call, in a fixed order, or null. */
export function recordBeliefsProblem(check: RecordBeliefsCheck): AttuneError | null {
  const notFound = (message: string) => new AttuneError({ code: "not-found", message });
  if (!check.hasObserver) return notFound("the observer is missing from this workspace");
  if (!check.hasSubject) return notFound("the subject is missing from this workspace");
  if (check.missingMessages.length) return notFound(`no message ${check.missingMessages[0]} in this workspace`);
  if (check.missingSpeakers.length) return notFound(`no actor ${check.missingSpeakers[0]} in this workspace`);
  if (check.missingEvidence.length) return notFound(`no evidence ${check.missingEvidence[0]} in this workspace`);
  const conflict = [...check.foreignBeliefs, ...check.foreignEvidence][0];
  if (conflict !== undefined) {
    return new AttuneError({ code: "conflict", message: `${conflict} is already stored for someone else` });
  }
  return null;
}

/** What `addMessage` found before writing; both implementations decide with `addMessageDecision`. */
export interface AddMessageCheck {
  hasChannel: boolean;
  hasAuthor: boolean;
  hasReplyTo: boolean;
  existing: { text: string; channelId: string; authorId: string } | null;
}

/** `create`, `exists` (an idempotent retry) or throws `not-found` / `conflict`. */
export function addMessageDecision(
  message: { id: string; channelId: string; authorId: string; text: string; replyTo?: string | undefined },
  check: AddMessageCheck,
): "create" | "exists" {
  if (!check.hasChannel) {
    throw new AttuneError({
      code: "not-found",
      message: `channel ${message.channelId} does not exist in this workspace`,
    });
  }
  if (!check.hasAuthor) {
    throw new AttuneError({ code: "not-found", message: `author ${message.authorId} is not in this workspace` });
  }
  if (message.replyTo !== undefined && !check.hasReplyTo) {
    throw new AttuneError({
      code: "not-found",
      message: `message ${message.replyTo} does not exist in this workspace`,
    });
  }
  const { existing } = check;
  if (!existing) return "create";
  if (
    existing.text !== message.text ||
    existing.channelId !== message.channelId ||
    existing.authorId !== message.authorId
  ) {
    throw new AttuneError({ code: "conflict", message: `message ${message.id} was already stored with other content` });
  }
  return "exists";
}

/** Default Beta parameters of a belief given only its mean and confidence. */
export const betaOf = (mean: number, confidence: number) => ({
  alpha: 1 + 10 * mean * confidence,
  beta: 1 + 10 * (1 - mean) * confidence,
});

/** Drops `undefined` properties (for `exactOptionalPropertyTypes` call sites). */
export function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
