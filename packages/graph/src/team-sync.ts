import { AttuneError, TimestampSchema } from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { checkId, int, requireActors, runScoped } from "./run.js";

/** One event a member has not seen, with who else already knows it (for a personal catch-up). */
export interface MissedEvent {
  id: string;
  channelId: string;
  authorId: string | null;
  kind: string;
  text: string;
  createdAt: string;
  /** Team members who saw it (or sent it): whom the member can ask, and who need not be told again. */
  seenBy: string[];
}

/** A belief the member holds that the rest of the team sees differently. */
export interface DivergentBelief {
  subjectId: string;
  dimension: string;
  key: string;
  mine: number;
  team: number;
  others: number;
}

export interface MemberSync {
  memberId: string;
  name: string | null;
  lastSeenAt: string | null;
  missed: MissedEvent[];
  divergent: DivergentBelief[];
}

/**
 * Records that an actor was present: their last presence moves forward and, for the messages they
 * saw, a `SAW` edge is the witness record (who saw which event) team sync reads.
 *
 * @example
 * await recordPresence({ connection, workspaceId: "acme", actorId: "ada", at, saw: ["m1", "m2"] });
 */
export async function recordPresence(options: {
  connection: GraphConnection;
  workspaceId: string;
  actorId: string;
  at: string;
  /** Messages the actor saw (delivered and displayed). */
  saw?: string[];
}): Promise<void> {
  const actorId = checkId(options.actorId, "actorId");
  checkTime(options.at);
  const saw = (options.saw ?? []).map((id) => checkId(id, "message id"));
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "record presence",
    mode: "WRITE",
    cypher: `MATCH (a:Actor {workspaceId: $ws, id: $actorId})
       SET a.lastSeenAt = CASE WHEN a.lastSeenAt IS NULL OR a.lastSeenAt < $at THEN $at ELSE a.lastSeenAt END
       WITH a
       CALL (a) {
         UNWIND $saw AS mid
         MATCH (m:Message {workspaceId: $ws, id: mid})
         MERGE (a)-[s:SAW]->(m) ON CREATE SET s.at = $at
         RETURN count(*) AS seen
       }
       RETURN seen`,
    params: { actorId, at: options.at, saw },
  });
  if (records.length === 0)
    throw new AttuneError({ code: "not-found", message: `no actor ${actorId} in this workspace` });
}

/**
 * Team sync: for each member (or one), the team's events after their last presence that they did not
 * see — decisions and events first — each with who already saw it, and the beliefs they hold that
 * diverge from the rest of the team's (|difference| ≥ `divergence`). Data for an agent to turn into a
 * personal catch-up. Bounded per member; never scans beyond the team's channels.
 *
 * @example
 * const sync = await teamSync({ connection, workspaceId: "acme", teamId: "platform", memberId: "ada" });
 */
export async function teamSync(options: {
  connection: GraphConnection;
  workspaceId: string;
  teamId: string;
  memberId?: string | undefined;
  /** Events per member. @default 50 */
  limit?: number;
  /** @default 0.3 */
  divergence?: number;
}): Promise<MemberSync[]> {
  const teamId = checkId(options.teamId, "teamId");
  const memberId = options.memberId === undefined ? null : checkId(options.memberId, "memberId");
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "team sync",
    cypher: `MATCH (t:Team {workspaceId: $ws, id: $teamId})
       WITH t, COLLECT { MATCH (t)<-[:MEMBER_OF]-(x:Actor) RETURN x } AS members
       UNWIND members AS m
       WITH t, members, m WHERE $memberId IS NULL OR m.id = $memberId
       CALL (t, m, members) {
         MATCH (c:Channel {workspaceId: $ws, teamId: $teamId})
         MATCH (msg:Message {workspaceId: $ws, channelId: c.id})
         WHERE msg.createdAt > coalesce(m.lastSeenAt, '') AND coalesce(msg.authorId, '') <> m.id
           AND NOT EXISTS { (m)-[:SAW]->(msg) }
         WITH msg, members
         ORDER BY CASE WHEN msg.kind IN ['decision', 'event'] THEN 0 ELSE 1 END, msg.createdAt DESC
         LIMIT $limit
         RETURN collect(msg {
           .id, .channelId, .authorId, .text, .createdAt, kind: coalesce(msg.kind, 'message'),
           seenBy: [o IN members WHERE o.id = msg.authorId OR EXISTS { (o)-[:SAW]->(msg) } | o.id]
         }) AS missed
       }
       CALL (t, m) {
         OPTIONAL MATCH (m)-[:HOLDS]->(:Mind)-[:CURRENT]->(b:Belief)
         WHERE coalesce(b.order, 1) = 1
         WITH b LIMIT 200
         OPTIONAL MATCH (t)<-[:MEMBER_OF]-(o:Actor)-[:HOLDS]->(:Mind)-[:CURRENT]->(ob:Belief {subjectId: b.subjectId, dimension: b.dimension, key: b.key})
         WHERE o <> m AND coalesce(ob.order, 1) = 1
         WITH b, avg(ob.mean) AS team, count(ob) AS n
         WHERE n > 0 AND abs(b.mean - team) >= $divergence
         RETURN collect({subjectId: b.subjectId, dimension: b.dimension, key: b.key, mine: b.mean, team: team, others: n})[..20] AS divergent
       }
       RETURN m.id AS memberId, m.name AS name, m.lastSeenAt AS lastSeenAt, missed, divergent
       ORDER BY memberId`,
    params: {
      teamId,
      memberId,
      limit: int(Math.max(1, Math.min(200, options.limit ?? 50))),
      divergence: options.divergence ?? 0.3,
    },
  });
  if (records.length === 0) {
    const check = await runScoped(options.connection, {
      workspaceId: options.workspaceId,
      action: "team sync",
      cypher: "OPTIONAL MATCH (t:Team {workspaceId: $ws, id: $teamId}) RETURN t IS NOT NULL AS known",
      params: { teamId },
    });
    if (check.records[0]?.get("known") !== true) {
      throw new AttuneError({ code: "not-found", message: `no team ${teamId} in this workspace` });
    }
    if (memberId) throw new AttuneError({ code: "not-found", message: `${memberId} is not a member of ${teamId}` });
    return [];
  }
  return records.map((r) => ({
    memberId: r.get("memberId") as string,
    name: (r.get("name") as string | null) ?? null,
    lastSeenAt: (r.get("lastSeenAt") as string | null) ?? null,
    missed: r.get("missed") as MissedEvent[],
    divergent: r.get("divergent") as DivergentBelief[],
  }));
}

/**
 * Creates or updates a team and its membership in one round trip (members must exist). Members not
 * listed keep their membership unless `replace` is set.
 */
export async function recordTeam(options: {
  connection: GraphConnection;
  workspaceId: string;
  teamId: string;
  name: string;
  memberIds: string[];
  /** Remove members that are not in `memberIds`. @default false */
  replace?: boolean;
  at?: string;
}): Promise<void> {
  const teamId = checkId(options.teamId, "teamId");
  const memberIds = [...new Set(options.memberIds.map((id) => checkId(id, "member id")))];
  if (options.at !== undefined) checkTime(options.at);
  if (typeof options.name !== "string" || options.name.length === 0 || options.name.length > 200) {
    throw new AttuneError({ code: "invalid-payload", message: "team name must be 1..200 characters" });
  }
  await requireActors(options.connection, { workspaceId: options.workspaceId, ids: memberIds, action: "record team" });
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "record team",
    mode: "WRITE",
    cypher: `MERGE (w:Workspace {id: $ws}) ON CREATE SET w.workspaceId = $ws, w.name = $ws, w.createdAt = $at
       MERGE (t:Team {workspaceId: $ws, id: $teamId}) ON CREATE SET t.createdAt = $at
       SET t.name = $name
       MERGE (t)-[:IN]->(w)
       WITH t
       CALL (t) {
         WITH t WHERE $replace
         MATCH (t)<-[r:MEMBER_OF]-(x:Actor) WHERE NOT x.id IN $memberIds
         DELETE r
       }
       CALL (t) {
         UNWIND $memberIds AS mid
         MATCH (a:Actor {workspaceId: $ws, id: mid})
         MERGE (a)-[r:MEMBER_OF]->(t) ON CREATE SET r.since = $at
         RETURN count(a) AS linked
       }
       RETURN linked`,
    params: {
      teamId,
      name: options.name,
      memberIds,
      replace: options.replace ?? false,
      at: options.at ?? new Date().toISOString(),
    },
  });
  const linked = (records[0]?.get("linked") as number | undefined) ?? 0;
  if (linked < memberIds.length) {
    throw new AttuneError({ code: "not-found", message: "a team member is missing from this workspace" });
  }
}

function checkTime(value: unknown): void {
  if (!TimestampSchema.safeParse(value).success) {
    throw new AttuneError({ code: "invalid-payload", message: "at must be an ISO-8601 timestamp" });
  }
}
