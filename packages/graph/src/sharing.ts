import { AttuneError } from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { checkId, runScoped } from "./run.js";

/**
 * A person's consent to let what Attune believes they know be used to recommend them to colleagues
 * ("who can help"). Off by default; turning it off hides every topic at once. Beliefs the person made
 * visible one by one stay shareable.
 *
 * @example
 * await setSharing({ connection, workspaceId: "acme", personId: "ada", knowledge: true });
 */
export async function setSharing(options: {
  connection: GraphConnection;
  workspaceId: string;
  personId: string;
  knowledge: boolean;
}): Promise<{ topics: number }> {
  const personId = checkId(options.personId, "personId");
  if (typeof options.knowledge !== "boolean") {
    throw new AttuneError({ code: "invalid-payload", message: "knowledge must be true or false" });
  }
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "set sharing",
    mode: "WRITE",
    cypher: `MATCH (p:Actor:Person {workspaceId: $ws, id: $personId})
       SET p.shareKnowledge = $knowledge
       WITH p
       CALL (p) {
         OPTIONAL MATCH (p)-[k:KNOWS]->(t:Topic)
         OPTIONAL MATCH (p)<-[:ABOUT]-(:Mind)-[:CURRENT]->(b:Belief {dimension: 'knowledge', key: t.id})
         WITH k, max(CASE WHEN b.visibility IS NOT NULL AND b.visibility <> 'private' THEN 1 ELSE 0 END) AS visible
         WHERE k IS NOT NULL
         SET k.shareable = $knowledge OR visible = 1
         RETURN count(k) AS topics
       }
       RETURN topics`,
    params: { personId, knowledge: options.knowledge },
  });
  const record = records[0];
  if (!record) throw new AttuneError({ code: "not-found", message: `no person ${personId} in this workspace` });
  return { topics: record.get("topics") as number };
}
