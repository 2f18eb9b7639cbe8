import { createHash } from "node:crypto";
import { AttuneError, type Dimension, DimensionSchema, TimestampSchema } from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { toJsonValue } from "./cypher-json.js";
import { checkId, int, runScoped } from "./run.js";

/** One belief someone holds about the person, with the evidence behind it (scrutable models). */
export interface PersonModelBelief {
  id: string;
  observerId: string;
  dimension: Dimension;
  key: string;
  mean: number;
  confidence: number;
  validFrom: string;
  validTo: string | null;
  recordedAt: string;
  visibility: string;
  /** 2 for a belief about someone else's belief (`aboutSubjectId`), else 1. */
  order: number;
  aboutSubjectId: string | null;
  evidence: {
    id: string;
    signal: string;
    weight: number;
    excerpt: string;
    observedAt: string;
    messageId: string;
    speakerId: string;
  }[];
}

export interface PersonModel {
  person: { id: string; name: string | null; kind: "person" | "agent" };
  /** Every observer's beliefs about the person (agents and people), current or as of a time. */
  beliefs: PersonModelBelief[];
}

/**
 * A person's whole model across every observer, each belief with its evidence: what the person sees
 * when they ask "what do you think of me, and why". With `asOf`, the model as it stood then.
 *
 * @example
 * const model = await readPersonModel({ connection, workspaceId: "acme", personId: "ada" });
 */
export async function readPersonModel(options: {
  connection: GraphConnection;
  workspaceId: string;
  personId: string;
  /** Read the versions valid at this instant instead of the live ones. */
  asOf?: string | undefined;
  /** Evidence items per belief (most recent first). @default 5 */
  evidence?: number;
}): Promise<PersonModel> {
  const personId = checkId(options.personId, "personId");
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "read person model",
    cypher: `MATCH (p:Actor {workspaceId: $ws, id: $personId})
       CALL (p) {
         OPTIONAL MATCH (p)<-[:ABOUT]-(mind:Mind)
         CALL (mind) {
           WITH mind WHERE mind IS NOT NULL AND $asOf IS NULL
           MATCH (mind)-[:CURRENT]->(b:Belief)
           RETURN b
           UNION
           WITH mind WHERE mind IS NOT NULL AND $asOf IS NOT NULL
           MATCH (mind)-[:HAS_BELIEF]->(b:Belief)
           WHERE b.validFrom <= $asOf AND (b.validTo IS NULL OR b.validTo > $asOf)
           RETURN b
         }
         CALL (b) {
           OPTIONAL MATCH (b)-[:SUPPORTED_BY]->(e:Evidence)
           WITH e ORDER BY e.observedAt DESC LIMIT $evidence
           RETURN collect(e {.id, .signal, .weight, .excerpt, .observedAt, .messageId, .speakerId}) AS evidence
         }
         RETURN collect(b {.*, evidence: evidence}) AS beliefs
       }
       RETURN p {.id, .name, agent: p:Agent} AS person, beliefs`,
    params: { personId, asOf: options.asOf ?? null, evidence: int(options.evidence ?? 5) },
  });
  const record = records[0];
  if (!record) throw new AttuneError({ code: "not-found", message: `no person ${personId} in this workspace` });
  const person = record.get("person") as { id: string; name: string | null; agent: boolean };
  const beliefs = (toJsonValue(record.get("beliefs")) as Record<string, unknown>[]).map(
    (b): PersonModelBelief => ({
      id: b.id as string,
      observerId: b.observerId as string,
      dimension: b.dimension as Dimension,
      key: b.key as string,
      mean: (b.mean as number) ?? 0.5,
      confidence: (b.confidence as number) ?? 0,
      validFrom: b.validFrom as string,
      validTo: (b.validTo as string | null) ?? null,
      recordedAt: b.recordedAt as string,
      visibility: (b.visibility as string) ?? "private",
      order: (b.order as number) ?? 1,
      aboutSubjectId: (b.aboutSubjectId as string | null) ?? null,
      evidence: (b.evidence as PersonModelBelief["evidence"]) ?? [],
    }),
  );
  beliefs.sort((a, b) =>
    `${a.observerId}\u0000${a.dimension}\u0000${a.key}`.localeCompare(
      `${b.observerId}\u0000${b.dimension}\u0000${b.key}`,
    ),
  );
  return { person: { id: person.id, name: person.name ?? null, kind: person.agent ? "agent" : "person" }, beliefs };
}

/**
 * A person's own correction of what is believed about them ("I'm not an expert in X"): every observer's
 * live belief on that dimension/key gets a new version at the corrected value with full confidence
 * (the old one is closed, not erased), backed by a `correction` evidence record and an audit entry.
 * The correction is also queued on each mind so the engine applies it on its next turn.
 *
 * @returns the ids of the new belief versions
 * @example
 * await correctBelief({ connection, workspaceId: "acme", personId: "ada", dimension: "knowledge", key: "kubernetes", value: 0.2, text: "I'm not an expert in k8s" });
 */
export async function correctBelief(options: {
  connection: GraphConnection;
  workspaceId: string;
  personId: string;
  dimension: Dimension;
  key: string;
  /** Corrected value, 0..1 (e.g. knowledge level, or 0 = "not true"). */
  value: number;
  /** The person's own words, kept as the evidence excerpt. */
  text?: string | undefined;
  /** Who made the correction. @default the person */
  by?: string | undefined;
  at?: string | undefined;
}): Promise<string[]> {
  const personId = checkId(options.personId, "personId");
  const by = checkId(options.by ?? personId, "by");
  const parsedDimension = DimensionSchema.safeParse(options.dimension);
  if (!parsedDimension.success) {
    throw new AttuneError({ code: "invalid-payload", message: `unknown dimension ${String(options.dimension)}` });
  }
  const dimension = parsedDimension.data;
  if (options.at !== undefined && !TimestampSchema.safeParse(options.at).success) {
    throw new AttuneError({ code: "invalid-payload", message: "at must be an ISO-8601 timestamp" });
  }
  if (typeof options.key !== "string" || options.key.length === 0 || options.key.length > 200) {
    throw new AttuneError({ code: "invalid-payload", message: "key must be 1..200 characters" });
  }
  if (!(options.value >= 0 && options.value <= 1)) {
    throw new AttuneError({ code: "invalid-payload", message: "value must be within 0..1" });
  }
  const at = options.at ?? new Date().toISOString();
  const stamp = at.replace(/[^0-9]/g, "");
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "correct belief",
    mode: "WRITE",
    cypher: `MATCH (p:Actor {workspaceId: $ws, id: $personId})
       MATCH (author:Actor {workspaceId: $ws, id: $by})
       MATCH (p)<-[:ABOUT]-(mind:Mind)-[cur:CURRENT]->(old:Belief {dimension: $dimension, key: $key})
       WHERE coalesce(old.order, 1) = 1
       SET old.validTo = $at
       DELETE cur
       WITH p, author, mind, old
       CREATE (nb:Belief {
         workspaceId: $ws, id: old.id + '.c' + $stamp, observerId: old.observerId, subjectId: old.subjectId,
         dimension: old.dimension, key: old.key, alpha: 1 + 12 * $value, beta: 1 + 12 * (1 - $value),
         mean: $value, confidence: 1.0, validFrom: $at, validTo: null, recordedAt: $at,
         visibility: old.visibility, order: coalesce(old.order, 1), corrected: true
       })
       CREATE (mind)-[:CURRENT]->(nb)
       CREATE (mind)-[:HAS_BELIEF]->(nb)
       CREATE (nb)-[:SUPERSEDES]->(old)
       CREATE (ev:Evidence {
         workspaceId: $ws, id: nb.id + '.e', messageId: 'correction-' + $stamp, speakerId: $by, subjectId: $personId,
         dimension: $dimension, key: $key, signal: 'correction', weight: 6.0, value: $value,
         excerpt: $text, observedAt: $at
       })
       CREATE (nb)-[:SUPPORTED_BY]->(ev)
       CREATE (ev)-[:SPOKEN_BY]->(author)
       CREATE (ev)-[:ABOUT]->(p)
       SET mind.pendingCorrections = coalesce(mind.pendingCorrections, []) + [$correction]
       WITH collect(nb.id) AS ids
       FOREACH (_ IN CASE WHEN size(ids) > 0 THEN [1] ELSE [] END |
         MERGE (a:Audit {workspaceId: $ws, id: 'correct-' + $subjectHash + '-' + $stamp})
           ON CREATE SET a.action = 'correct', a.subjectId = $personId, a.actorId = $by, a.at = $at,
                         a.what = $dimension + '/' + $key, a.versions = size(ids))
       RETURN ids`,
    params: {
      personId,
      by,
      // Audit ids must not carry the person's id: audits outlive an erasure.
      subjectHash: createHash("sha256").update(`${options.workspaceId}\u0000${personId}`).digest("hex").slice(0, 16),
      dimension,
      key: options.key,
      value: options.value,
      at,
      stamp,
      text: (options.text ?? "").slice(0, 500),
      correction: JSON.stringify({ dimension, key: options.key, value: options.value, at, text: options.text ?? "" }),
    },
  });
  const ids = (records[0]?.get("ids") as string[] | undefined) ?? [];
  if (ids.length === 0) {
    throw new AttuneError({
      code: "not-found",
      message: `nobody holds a belief ${dimension}/${options.key} about ${personId} to correct`,
    });
  }
  return ids;
}
