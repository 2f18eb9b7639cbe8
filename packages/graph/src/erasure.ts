import { createHash } from "node:crypto";
import { AttuneError, TimestampSchema } from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { mapNeo4jError } from "./map-error.js";
import { mindStateCacheOf } from "./mind-state-cache.js";
import { checkId } from "./run.js";

/** What erasing a person removed (counts only: the audit keeps nothing personal). */
export interface ErasureReport {
  auditId: string;
  /** One-way hash of workspace + person id, so a repeated request can be recognised without the id. */
  subjectHash: string;
  counts: {
    messagesDeleted: number;
    messagesRedacted: number;
    evidence: number;
    beliefs: number;
    minds: number;
    recommendations: number;
    experiments: number;
    actor: number;
  };
}

/**
 * Erases a person from a workspace: the evidence spoken by or about them (and drawn from their
 * messages), every belief about them and every belief they hold (including second-order beliefs about
 * them), the minds that held those, recommendations for or of them, their recorded experiments, their
 * relationships and the person node. Their messages are deleted or, when the workspace policy says
 * `redact-messages` (threads keep their shape), emptied and de-attributed. One transaction; an audit
 * record of counts remains.
 *
 * @example
 * const report = await erasePerson({ connection, workspaceId: "acme", personId: "ada", by: "admin" });
 */
export async function erasePerson(options: {
  connection: GraphConnection;
  workspaceId: string;
  personId: string;
  /** Who asked for the erasure (kept in the audit). */
  by: string;
  /** @default the workspace's `erasePolicy`, else "delete-messages" */
  messages?: "delete-messages" | "redact-messages";
  at?: string;
  /**
   * Removes the person from a mind state this package cannot read (an agent's model of another agent
   * holds what that agent believes about people: `forgetPersonInState` from `@attune/agents`). Applied
   * in the same transaction to every remaining mind whose state names the person; a state it returns
   * unchanged is left alone. @default none: such states are kept as they are
   */
  scrubMindState?: (options: { state: string; personId: string }) => string;
}): Promise<ErasureReport> {
  const ws = checkId(options.workspaceId, "workspaceId");
  const personId = checkId(options.personId, "personId");
  const by = checkId(options.by, "by");
  if (options.at !== undefined && !TimestampSchema.safeParse(options.at).success) {
    throw new AttuneError({ code: "invalid-payload", message: "at must be an ISO-8601 timestamp" });
  }
  const at = options.at ?? new Date().toISOString();
  const subjectHash = createHash("sha256").update(`${ws}\u0000${personId}`).digest("hex").slice(0, 32);
  const auditId = `erase-${subjectHash.slice(0, 16)}-${at.replace(/[^0-9]/g, "")}`;
  const session = options.connection.driver.session({
    defaultAccessMode: "WRITE",
    ...(options.connection.database ? { database: options.connection.database } : {}),
  });
  try {
    return await session.executeWrite(async (tx) => {
      const params = { ws, personId, by, at, auditId, subjectHash, policy: options.messages ?? null };
      const found = await tx.run(
        `MATCH (p:Actor:Person {workspaceId: $ws, id: $personId})
         OPTIONAL MATCH (w:Workspace {workspaceId: $ws})
         RETURN coalesce($policy, w.erasePolicy, 'delete-messages') AS policy`,
        params,
      );
      const policy = found.records[0]?.get("policy") as string | undefined;
      if (!policy) throw new AttuneError({ code: "not-found", message: `no person ${personId} in this workspace` });
      const count = async (cypher: string) => {
        const r = await tx.run(cypher, params);
        return (r.records[0]?.get("n") as number | undefined) ?? 0;
      };
      // Evidence about them, spoken by them, or drawn from their messages.
      const evidence = await count(
        `MATCH (p:Actor {workspaceId: $ws, id: $personId})
         CALL (p) {
           MATCH (e:Evidence)-[:ABOUT|SPOKEN_BY]->(p) RETURN e
           UNION
           MATCH (p)-[:SENT]->(:Message)<-[:FROM]-(e:Evidence) RETURN e
           UNION
           MATCH (e:Evidence {workspaceId: $ws, subjectId: $personId}) RETURN e
           UNION
           MATCH (e:Evidence {workspaceId: $ws}) WHERE e.speakerId = $personId RETURN e
         }
         WITH DISTINCT e
         DETACH DELETE e
         RETURN count(*) AS n`,
      );
      // Minds about them or held by them, with all their belief versions; second-order beliefs about them.
      const beliefs = await count(
        `MATCH (p:Actor {workspaceId: $ws, id: $personId})
         CALL (p) {
           MATCH (p)<-[:ABOUT]-(:Mind)-[:HAS_BELIEF|CURRENT]->(b:Belief) RETURN b
           UNION
           MATCH (p)-[:HOLDS]->(:Mind)-[:HAS_BELIEF|CURRENT]->(b:Belief) RETURN b
           UNION
           MATCH (b:Belief {workspaceId: $ws}) WHERE b.aboutSubjectId = $personId OR b.subjectId = $personId OR b.observerId = $personId
           RETURN b
         }
         WITH DISTINCT b
         DETACH DELETE b
         RETURN count(*) AS n`,
      );
      const minds = await count(
        `MATCH (p:Actor {workspaceId: $ws, id: $personId})
         CALL (p) {
           MATCH (p)<-[:ABOUT]-(m:Mind) RETURN m
           UNION
           MATCH (p)-[:HOLDS]->(m:Mind) RETURN m
         }
         WITH DISTINCT m
         DETACH DELETE m
         RETURN count(*) AS n`,
      );
      const scrub = options.scrubMindState;
      if (scrub) {
        // Minds neither about nor held by the person that still name them (as a JSON string).
        const named = await tx.run(
          `MATCH (m:Mind {workspaceId: $ws}) WHERE m.state CONTAINS $quoted RETURN m.id AS id, m.state AS state`,
          { ...params, quoted: JSON.stringify(personId) },
        );
        const rewritten = named.records.flatMap((record) => {
          const state = record.get("state") as string;
          const scrubbed = scrub({ state, personId });
          return scrubbed === state ? [] : [{ id: record.get("id") as string, state: scrubbed }];
        });
        await tx.run(
          `UNWIND $rewritten AS r
           MATCH (m:Mind {workspaceId: $ws, id: r.id})
           SET m.state = r.state, m.rev = randomUUID(), m.updatedAt = $at`,
          { ...params, rewritten },
        );
      }
      const recommendations = await count(
        `MATCH (r:Recommendation {workspaceId: $ws}) WHERE r.seekerId = $personId OR r.helperId = $personId
         DETACH DELETE r RETURN count(*) AS n`,
      );
      const experiments = await count(
        `MATCH (x:Experiment {workspaceId: $ws}) WHERE x.subjectId = $personId DETACH DELETE x RETURN count(*) AS n`,
      );
      let messagesDeleted = 0;
      let messagesRedacted = 0;
      if (policy === "redact-messages") {
        messagesRedacted = await count(
          `MATCH (:Actor {workspaceId: $ws, id: $personId})-[s:SENT]->(m:Message)
           DELETE s
           SET m.text = '[erased]', m.authorId = 'erased', m.authorName = null, m.embedding = null, m.erasedAt = $at
           RETURN count(*) AS n`,
        );
      } else {
        messagesDeleted = await count(
          `MATCH (:Actor {workspaceId: $ws, id: $personId})-[:SENT]->(m:Message)
           DETACH DELETE m
           RETURN count(*) AS n`,
        );
      }
      // Earlier audits (their corrections, erasures they asked for) keep their counts, not their id.
      await tx.run(
        `MATCH (a:Audit {workspaceId: $ws}) WHERE a.subjectId = $personId OR a.actorId = $personId
         SET a.subjectHash = CASE WHEN a.subjectId = $personId THEN $subjectHash ELSE a.subjectHash END,
             a.subjectId = CASE WHEN a.subjectId = $personId THEN null ELSE a.subjectId END,
             a.actorId = CASE WHEN a.actorId = $personId THEN 'erased' ELSE a.actorId END`,
        params,
      );
      const actor = await count(
        `MATCH (p:Actor {workspaceId: $ws, id: $personId}) DETACH DELETE p RETURN count(*) AS n`,
      );
      const counts = {
        messagesDeleted,
        messagesRedacted,
        evidence,
        beliefs,
        minds,
        recommendations,
        experiments,
        actor,
      };
      await tx.run(
        // A person erasing themselves is recorded as 'self': the audit keeps no id of theirs.
        `CREATE (a:Audit {workspaceId: $ws, id: $auditId, action: 'erase', subjectHash: $subjectHash,
                          actorId: CASE WHEN $by = $personId THEN 'self' ELSE $by END,
                          at: $at, policy: $policy, counts: $counts})`,
        { ...params, policy, counts: JSON.stringify(counts) },
      );
      return { auditId, subjectHash, counts };
    });
  } catch (error) {
    if (error instanceof AttuneError) throw error;
    throw mapNeo4jError(error, "erase person");
  } finally {
    // What this process cached of the workspace's minds may hold the person: it is read afresh.
    mindStateCacheOf(options.connection.driver).forgetWorkspace(ws);
    await session.close();
  }
}
