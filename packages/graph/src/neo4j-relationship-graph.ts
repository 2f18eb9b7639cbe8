import { AttuneError, mindId } from "@attune/model";
import type { ManagedTransaction } from "neo4j-driver";
import type { GraphConnection } from "./connection.js";
import { erasePerson } from "./erasure.js";
import { mapNeo4jError } from "./map-error.js";
import { correctBelief, readPersonModel } from "./person-model.js";
import { runGraphQuery } from "./queries.js";
import { recordExperiments, strategiesThatWorked, whoCanHelp } from "./recommendations.js";
import {
  type AuditRecord,
  addMessageDecision,
  betaOf,
  checkWorkspaceId,
  defined,
  parseGraphOptions,
  parseGraphQuery,
  type RecommendationRecord,
  type RelationshipGraph,
  recordBeliefsProblem,
} from "./relationship-graph.js";
import { recordKnowledge, recordRelationships, recordSecondOrderBeliefs } from "./relationships.js";
import { runScoped } from "./run.js";
import { recordPresence, recordTeam, teamSync } from "./team-sync.js";

/**
 * The production `RelationshipGraph`: every relationship operation delegates to the function API
 * (`readPersonModel`, `whoCanHelp`, `teamSync`, `runGraphQuery`…); the setup writes are small Cypher
 * statements that follow `docs/graph-schema.md`. Options are validated first with the interface's
 * shared schemas, so both implementations reject the same input with the same codes.
 *
 * @example
 * const graph = createNeo4jRelationshipGraph({ connection: store.connection, workspaceId: "acme" });
 * await graph.ensurePerson({ id: "ada", name: "Ada" });
 */
export function createNeo4jRelationshipGraph(options: {
  connection: GraphConnection;
  workspaceId: string;
}): RelationshipGraph {
  const { connection } = options;
  const workspaceId = checkWorkspaceId(options.workspaceId);
  const base = { connection, workspaceId };
  const now = () => new Date().toISOString();
  const run = (
    action: string,
    cypher: string,
    params: Record<string, unknown> = {},
    mode: "READ" | "WRITE" = "WRITE",
  ) => runScoped(connection, { workspaceId, action, cypher, params, mode });

  /** One explicit write transaction (check, then write; an AttuneError thrown inside rolls it back). */
  const inWriteTransaction = async <T>(action: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    const session = connection.driver.session({
      defaultAccessMode: "WRITE",
      ...(connection.database ? { database: connection.database } : {}),
    });
    try {
      return await session.executeWrite(work);
    } catch (error) {
      throw mapNeo4jError(error, action);
    } finally {
      await session.close();
    }
  };

  const ensureWorkspaceCypher = `MERGE (w:Workspace {id: $ws})
    ON CREATE SET w.workspaceId = $ws, w.name = $ws, w.createdAt = $at`;

  return {
    workspaceId,

    async ensureWorkspace(input) {
      const o = parseGraphOptions("ensureWorkspace", input);
      await run(
        "ensure workspace",
        `${ensureWorkspaceCypher}
         SET w.name = coalesce($name, w.name), w.erasePolicy = coalesce($erasePolicy, w.erasePolicy)`,
        { name: o.name ?? null, erasePolicy: o.erasePolicy ?? null, at: o.at ?? now() },
      );
    },

    async ensurePerson(input) {
      const o = parseGraphOptions("ensurePerson", input);
      await run(
        "ensure person",
        `${ensureWorkspaceCypher}
         MERGE (p:Actor:Person {workspaceId: $ws, id: $id}) ON CREATE SET p.createdAt = $at
         SET p.name = $name, p.availability = coalesce($availability, p.availability),
             p.timezone = coalesce($timezone, p.timezone)
         MERGE (p)-[:MEMBER_OF]->(w)`,
        {
          id: o.id,
          name: o.name,
          availability: o.availability ?? null,
          timezone: o.timezone ?? null,
          at: o.at ?? now(),
        },
      );
    },

    async ensureAgent(input) {
      const o = parseGraphOptions("ensureAgent", input);
      await run(
        "ensure agent",
        `${ensureWorkspaceCypher}
         MERGE (a:Actor:Agent {workspaceId: $ws, id: $id}) ON CREATE SET a.createdAt = $at
         SET a.name = $name, a.role = coalesce($role, a.role, 'assistant')
         MERGE (a)-[:MEMBER_OF]->(w)`,
        { id: o.id, name: o.name, role: o.role ?? null, at: o.at ?? now() },
      );
    },

    async ensureChannel(input) {
      const o = parseGraphOptions("ensureChannel", input);
      const kind = o.kind ?? "team";
      await inWriteTransaction("ensure channel", async (tx) => {
        const found = await tx.run("OPTIONAL MATCH (c:Channel {workspaceId: $ws, id: $id}) RETURN c.kind AS kind", {
          ws: workspaceId,
          id: o.id,
        });
        const stored = found.records[0]?.get("kind") as string | null | undefined;
        if (stored && stored !== kind) {
          throw new AttuneError({ code: "conflict", message: `channel ${o.id} already exists as a ${stored} channel` });
        }
        await tx.run(
          `${ensureWorkspaceCypher}
           MERGE (c:Channel {workspaceId: $ws, id: $id}) ON CREATE SET c.kind = $kind, c.createdAt = $at
           SET c.name = $name, c.teamId = coalesce($teamId, c.teamId)
           MERGE (c)-[:IN]->(w)`,
          { ws: workspaceId, id: o.id, name: o.name, kind, teamId: o.teamId ?? null, at: o.at ?? now() },
        );
      });
    },

    async addMessage(input) {
      const o = parseGraphOptions("addMessage", input);
      return inWriteTransaction("add message", async (tx) => {
        const params = {
          ws: workspaceId,
          id: o.id,
          channelId: o.channelId,
          authorId: o.authorId,
          replyTo: o.replyTo ?? null,
        };
        const found = await tx.run(
          `OPTIONAL MATCH (c:Channel {workspaceId: $ws, id: $channelId})
           OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: $authorId})
           OPTIONAL MATCH (r:Message {workspaceId: $ws, id: $replyTo})
           OPTIONAL MATCH (m:Message {workspaceId: $ws, id: $id})
           RETURN c IS NOT NULL AS hasChannel, a IS NOT NULL AS hasAuthor, r IS NOT NULL AS hasReplyTo,
                  CASE WHEN a:Agent THEN 'agent' ELSE 'person' END AS authorKind,
                  CASE WHEN m IS NULL THEN null ELSE m {.text, .channelId, .authorId} END AS existing`,
          params,
        );
        const record = found.records[0];
        const decision = addMessageDecision(o, {
          hasChannel: record?.get("hasChannel") === true,
          hasAuthor: record?.get("hasAuthor") === true,
          hasReplyTo: record?.get("hasReplyTo") === true,
          existing: (record?.get("existing") as { text: string; channelId: string; authorId: string } | null) ?? null,
        });
        if (decision === "exists") return { created: false };
        await tx.run(
          `MATCH (c:Channel {workspaceId: $ws, id: $channelId})
           MATCH (a:Actor {workspaceId: $ws, id: $authorId})
           CREATE (m:Message {workspaceId: $ws, id: $id})
           SET m += $props
           CREATE (a)-[:SENT]->(m)
           CREATE (m)-[:IN]->(c)
           WITH m
           OPTIONAL MATCH (r:Message {workspaceId: $ws, id: $replyTo})
           FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | CREATE (m)-[:REPLIES_TO]->(r))`,
          {
            ...params,
            props: defined({
              channelId: o.channelId,
              authorId: o.authorId,
              authorKind: record?.get("authorKind") as string,
              text: o.text,
              createdAt: o.createdAt,
              kind: o.kind,
              replyTo: o.replyTo,
            }),
          },
        );
        return { created: true };
      });
    },

    async recordBeliefs(input) {
      const o = parseGraphOptions("recordBeliefs", input);
      const evidence = o.evidence ?? [];
      const batchEvidence = new Set(evidence.map((e) => e.id));
      const referenced = [...new Set(o.beliefs.flatMap((b) => b.evidenceIds ?? []))].filter(
        (id) => !batchEvidence.has(id),
      );
      const at = o.at ?? now();
      await inWriteTransaction("record beliefs", async (tx) => {
        const ws = workspaceId;
        const check = await tx.run(
          `OPTIONAL MATCH (o:Actor {workspaceId: $ws, id: $observerId})
           OPTIONAL MATCH (s:Actor {workspaceId: $ws, id: $subjectId})
           RETURN o IS NOT NULL AS hasObserver, s IS NOT NULL AS hasSubject,
             [id IN $messageIds WHERE NOT EXISTS { MATCH (:Message {workspaceId: $ws, id: id}) }] AS missingMessages,
             [id IN $speakerIds WHERE NOT EXISTS { MATCH (:Actor {workspaceId: $ws, id: id}) }] AS missingSpeakers,
             [id IN $referenced WHERE NOT EXISTS { MATCH (:Evidence {workspaceId: $ws, id: id}) }] AS missingEvidence,
             COLLECT {
               MATCH (b:Belief {workspaceId: $ws}) WHERE b.id IN $beliefIds
                 AND (b.observerId <> $observerId OR b.subjectId <> $subjectId OR coalesce(b.order, 1) <> 1)
               RETURN b.id
             } AS foreignBeliefs,
             COLLECT { MATCH (b:Belief {workspaceId: $ws}) WHERE b.id IN $beliefIds RETURN b.id } AS storedBeliefs,
             COLLECT {
               MATCH (e:Evidence {workspaceId: $ws}) WHERE e.id IN $evidenceIds AND e.subjectId <> $subjectId
               RETURN e.id
             } AS foreignEvidence`,
          {
            ws,
            observerId: o.observerId,
            subjectId: o.subjectId,
            messageIds: [...new Set(evidence.map((e) => e.messageId))],
            speakerIds: [...new Set(evidence.map((e) => e.speakerId))],
            referenced,
            beliefIds: o.beliefs.map((b) => b.id),
            evidenceIds: [...batchEvidence],
          },
        );
        const r = check.records[0];
        const problem = recordBeliefsProblem({
          hasObserver: r?.get("hasObserver") === true,
          hasSubject: r?.get("hasSubject") === true,
          missingMessages: (r?.get("missingMessages") as string[]) ?? [],
          missingSpeakers: (r?.get("missingSpeakers") as string[]) ?? [],
          missingEvidence: (r?.get("missingEvidence") as string[]) ?? [],
          foreignBeliefs: (r?.get("foreignBeliefs") as string[]) ?? [],
          foreignEvidence: (r?.get("foreignEvidence") as string[]) ?? [],
        });
        if (problem) throw problem;
        const stored = new Set((r?.get("storedBeliefs") as string[]) ?? []);
        const id = mindId(o.observerId, o.subjectId);
        await tx.run(
          `MATCH (observer:Actor {workspaceId: $ws, id: $observerId})
           MATCH (subject:Actor {workspaceId: $ws, id: $subjectId})
           MERGE (mind:Mind {workspaceId: $ws, id: $mindId})
             ON CREATE SET mind.observerId = $observerId, mind.subjectId = $subjectId
           SET mind.state = coalesce($state, mind.state), mind.updatedAt = $at,
               mind.rev = CASE WHEN $state IS NULL THEN mind.rev END
           MERGE (observer)-[:HOLDS]->(mind)
           MERGE (mind)-[:ABOUT]->(subject)
           WITH subject
           UNWIND $evidence AS e
           MATCH (src:Message {workspaceId: $ws, id: e.messageId})
           MATCH (speaker:Actor {workspaceId: $ws, id: e.speakerId})
           MERGE (ev:Evidence {workspaceId: $ws, id: e.id}) ON CREATE SET ev += e
           MERGE (ev)-[:FROM]->(src)
           MERGE (ev)-[:SPOKEN_BY]->(speaker)
           MERGE (ev)-[:ABOUT]->(subject)`,
          {
            ws,
            observerId: o.observerId,
            subjectId: o.subjectId,
            mindId: id,
            state: o.state ?? null,
            at,
            evidence: evidence.map((e) => defined({ ...e, workspaceId: ws, subjectId: o.subjectId })),
          },
        );
        // One statement per version, in order: a later version of the same key closes an earlier one.
        // A version already stored (a retry) is left as it is.
        for (const b of o.beliefs.filter((x) => !stored.has(x.id))) {
          const { evidenceIds, alpha, beta, ...rest } = b;
          const prior = betaOf(b.mean, b.confidence);
          await tx.run(
            `MATCH (mind:Mind {workspaceId: $ws, id: $mindId})
             OPTIONAL MATCH (mind)-[cur:CURRENT]->(old:Belief {dimension: $props.dimension, key: $props.key})
               WHERE old.id <> $props.id AND coalesce(old.order, 1) = 1
             SET old.validTo = $props.validFrom
             DELETE cur
             WITH DISTINCT mind
             CREATE (nb:Belief)
             SET nb = $props
             CREATE (mind)-[:CURRENT]->(nb)
             CREATE (mind)-[:HAS_BELIEF]->(nb)
             WITH nb
             UNWIND $evidenceIds AS eid
             MATCH (ev:Evidence {workspaceId: $ws, id: eid})
             CREATE (nb)-[:SUPPORTED_BY]->(ev)`,
            {
              ws,
              mindId: id,
              evidenceIds: evidenceIds ?? [],
              props: defined({
                ...rest,
                workspaceId: ws,
                observerId: o.observerId,
                subjectId: o.subjectId,
                recordedAt: b.recordedAt ?? b.validFrom,
                visibility: b.visibility ?? "private",
                alpha: alpha ?? prior.alpha,
                beta: beta ?? prior.beta,
                order: 1,
              }),
            },
          );
        }
      });
    },

    async recordKnowledge(input) {
      const o = parseGraphOptions("recordKnowledge", input);
      await recordKnowledge({ ...base, knows: o.knows });
    },

    async recordRelationships(input) {
      const o = parseGraphOptions("recordRelationships", input);
      return recordRelationships({ ...base, relationships: o.relationships });
    },

    async recordSecondOrderBeliefs(input) {
      const o = parseGraphOptions("recordSecondOrderBeliefs", input);
      await recordSecondOrderBeliefs({ ...base, beliefs: o.beliefs });
    },

    async recordTeam(input) {
      const o = parseGraphOptions("recordTeam", input);
      await recordTeam({ ...base, ...defined(o) });
    },

    async recordPresence(input) {
      const o = parseGraphOptions("recordPresence", input);
      await recordPresence({ ...base, ...defined(o) });
    },

    async recordExperiments(input) {
      const o = parseGraphOptions("recordExperiments", input);
      await recordExperiments({ ...base, experiments: o.experiments });
    },

    async readPersonModel(input) {
      const o = parseGraphOptions("readPersonModel", input);
      return readPersonModel({ ...base, ...defined(o) });
    },

    async correctBelief(input) {
      const o = parseGraphOptions("correctBelief", input);
      return correctBelief({ ...base, ...defined(o) });
    },

    async erasePerson(input) {
      const o = parseGraphOptions("erasePerson", input);
      return erasePerson({ ...base, ...defined(o) });
    },

    async whoCanHelp(input) {
      const o = parseGraphOptions("whoCanHelp", input);
      return whoCanHelp({ ...base, ...defined(o) });
    },

    async strategiesThatWorked(input) {
      const o = parseGraphOptions("strategiesThatWorked", input);
      return strategiesThatWorked({ ...base, ...defined(o) });
    },

    async teamSync(input) {
      const o = parseGraphOptions("teamSync", input);
      return teamSync({ ...base, ...defined(o) });
    },

    async query(input) {
      const query = parseGraphQuery((input as { query?: unknown } | undefined)?.query);
      return runGraphQuery({ ...base, query });
    },

    async listAudits() {
      const { records } = await run(
        "list audits",
        "MATCH (a:Audit {workspaceId: $ws}) RETURN a {.*} AS a ORDER BY a.at, a.id",
        {},
        "READ",
      );
      return records.map((r): AuditRecord => {
        const a = r.get("a") as Record<string, unknown>;
        return {
          id: a.id as string,
          action: a.action as AuditRecord["action"],
          actorId: a.actorId as string,
          at: a.at as string,
          subjectId: (a.subjectId as string | undefined) ?? null,
          subjectHash: (a.subjectHash as string | undefined) ?? null,
          what: (a.what as string | undefined) ?? null,
          versions: (a.versions as number | undefined) ?? null,
          policy: (a.policy as string | undefined) ?? null,
          counts: typeof a.counts === "string" ? (JSON.parse(a.counts) as AuditRecord["counts"]) : null,
        };
      });
    },

    async listRecommendations(input) {
      const o = parseGraphOptions("listRecommendations", input);
      const { records } = await run(
        "list recommendations",
        `MATCH (r:Recommendation {workspaceId: $ws}) WHERE $seekerId IS NULL OR r.seekerId = $seekerId
         RETURN r {.id, .topic, .seekerId, .helperId, .score, .explanation, .updatedAt} AS r
         ORDER BY r.topic, r.seekerId, r.score DESC, r.helperId`,
        { seekerId: o.seekerId ?? null },
        "READ",
      );
      return records.map((r) => r.get("r") as RecommendationRecord);
    },
  };
}
