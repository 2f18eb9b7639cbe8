import { type AgentSpec, createReflectionScheduler, PeerModel } from "@attune/agents";
import { groundedReflector } from "@attune/agents/testing";
import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { type MessageEnd, MessageEndSchema, type MindUpdateEvent, MindUpdateEventSchema } from "@attune/model";
import { signToken } from "@attune/realtime";
import { type AttuneClient, connectAttune } from "@attune/realtime/client";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AttuneServer, createAttuneServer } from "./create-server.js";

const secret = "integration-secret-0123456789";
const TUTOR = "Start with rank 8 and raise it only if the loss plateaus.";
const OPS = "Check the ingress controller logs, then roll back the last helm release.";

/** Each agent answers with its own line, so who answered is visible in the text too. */
const team = (): AgentSpec[] => [
  {
    id: "tutor",
    name: "Tess",
    role: "tutor who explains ML concepts",
    skills: ["fine-tuning", "machine-learning"],
    model: new FakeListChatModel({ responses: [TUTOR] }),
  },
  {
    id: "ops",
    name: "Oz",
    role: "debugs production incidents",
    skills: ["kubernetes", "databases"],
    model: new FakeListChatModel({ responses: [OPS] }),
  },
];

describe("a team of agents behind the server (real Neo4j, real Socket.IO, fake models)", () => {
  let store: GraphStore;
  let server: AttuneServer;
  let url: string;
  const workspaceId = freshWorkspaceId("team-server");
  // Reflection off the reply path, with a reflector that answers at once, grounded in the person's words.
  const reflection = createReflectionScheduler({ every: 1, reflector: groundedReflector() });
  const clients: AttuneClient[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    server = createAttuneServer({
      store,
      model: new FakeListChatModel({ responses: ["the shared model is not used by a team"] }),
      secret,
      agents: team(),
      reflection,
      onError: () => {},
    });
    ({ url } = await server.listen({ port: 0 }));
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
    await reflection.drain();
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
  });

  async function connect(personId: string) {
    const token = await signToken({ secret, claims: { workspaceId, personId, name: personId.toUpperCase() } });
    const client = connectAttune({ url, token });
    clients.push(client);
    const ready = await client.ready;
    const ends: MessageEnd[] = [];
    const updates: MindUpdateEvent[] = [];
    const deltas: { messageId: string; delta: string }[] = [];
    client.socket.on("message-end", (e) => ends.push(MessageEndSchema.parse(e)));
    client.socket.on("mind-update", (m) => updates.push(MindUpdateEventSchema.parse(m)));
    client.socket.on("message-delta", (d) => deltas.push(d));
    return { client, ready, ends, updates, deltas };
  }

  it("routes each turn to the agent that fits, streams its reply and keeps each agent's own mind", async () => {
    const ada = await connect("ada");
    expect(ada.ready.assistantId).toBe("tutor"); // the lead

    const ask = async (text: string, n: number) => {
      const ack = await ada.client.send({ channelId: "general", text });
      if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
      await expect.poll(() => ada.updates.length, { timeout: 20_000 }).toBe(n);
      return { ack, end: ada.ends[n - 1] as MessageEnd, update: ada.updates[n - 1] as MindUpdateEvent };
    };

    const lora = await ask("how do I pick the LoRA rank when fine-tuning llama? the loss plateaus after 2 epochs", 1);
    expect(lora.end).toMatchObject({ replyTo: lora.ack.messageId, authorId: "tutor", text: TUTOR });
    expect(
      ada.deltas
        .filter((d) => d.messageId === lora.end.messageId)
        .map((d) => d.delta)
        .join(""),
    ).toBe(TUTOR);
    expect(lora.update).toMatchObject({ observerId: "tutor", subjectId: "ada" });
    expect(lora.update.beliefs.some((b) => b.dimension === "knowledge" && b.key.includes("fine-tuning"))).toBe(true);

    const outage = await ask("prod is down: kubernetes ingress returns 502 for the api service", 2);
    expect(outage.end).toMatchObject({ authorId: "ops", text: OPS });
    expect(outage.update).toMatchObject({ observerId: "ops", subjectId: "ada" });

    // A mention wins over fit: Oz is asked about LoRA by name.
    const mention = await ask("@Oz what does the LoRA rank change?", 3);
    expect(mention.end).toMatchObject({ authorId: "ops" });

    // Neo4j: each reply is the answering agent's, and each agent holds its own mind of Ada.
    const { records } = await store.connection.query(
      `MATCH (a:Agent {workspaceId: $ws})-[:SENT]->(r:Message)-[:REPLIES_TO]->(q:Message)
       RETURN a.id AS agent, q.text AS question ORDER BY r.createdAt`,
      { ws: workspaceId },
      "READ",
    );
    expect(records.map((r) => r.get("agent"))).toEqual(["tutor", "ops", "ops"]);
    const { records: minds } = await store.connection.query(
      `MATCH (a:Agent {workspaceId: $ws})-[:HOLDS]->(m:Mind)-[:ABOUT]->(:Person {id: 'ada'})
       RETURN collect(a.id) AS holders`,
      { ws: workspaceId },
      "READ",
    );
    expect([...((minds[0]?.get("holders") as string[] | undefined) ?? [])].sort()).toEqual(["ops", "tutor"]);
    // The answering agents' minds were offered to the team's reflection, which ran off the reply path.
    await reflection.drain();
    expect(reflection.stats()).toMatchObject({ runs: 3, ok: 3, failed: 0 });

    // The agents came to hold beliefs about what each other believe of Ada.
    const mentioning = async () => {
      const { records: rows } = await store.connection.query(
        `MATCH (n {workspaceId: $ws})
         WITH n, [k IN keys(n) WHERE (n[k] IS :: STRING AND (n[k] = 'ada' OR n[k] CONTAINS '"ada"' OR n[k] CONTAINS '~ada'))
                                  OR (n[k] IS :: LIST<STRING> AND 'ada' IN n[k]) | k] AS keys
         WHERE size(keys) > 0
         RETURN labels(n)[0] + ' ' + n.id + ' ' + keys[0] AS where ORDER BY where`,
        { ws: workspaceId },
        "READ",
      );
      return rows.map((r) => r.get("where") as string);
    };
    expect(await mentioning()).toContain("Mind ops~tutor state");
    const peerState = async () => {
      const { records: peers } = await store.connection.query(
        "MATCH (m:Mind {workspaceId: $ws, id: 'ops~tutor'}) RETURN m.state AS state",
        { ws: workspaceId },
        "READ",
      );
      return PeerModel.fromJSON(peers[0]?.get("state"));
    };
    const before = await peerState();
    expect(before.beliefsAbout("ada").length).toBeGreaterThan(0);

    // She erases herself: no node of the workspace names her any more, peer models included, and the
    // agents' models of each other keep everything else they learned.
    const erased = await fetch(`${url}/v1/me`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${await signToken({ secret, claims: { workspaceId, personId: "ada" } })}` },
    });
    expect(erased.status).toBe(200);
    expect(await mentioning()).toEqual([]);
    const after = await peerState();
    expect(after.beliefsAbout("ada")).toEqual([]);
    // Everything else Oz learned of Tess is as it was.
    before.forgetPerson("ada");
    expect(after.toJSON()).toEqual(before.toJSON());
  });

  it("refuses a team together with a graph or an assistant, and an empty team", () => {
    const base = { store, model: new FakeListChatModel({ responses: [] }), secret };
    for (const options of [
      { ...base, agents: [] },
      { ...base, agents: team(), assistant: { id: "assistant", name: "Attune" } },
      { ...base, agents: team(), graph: () => ({ compile: () => ({}) }) },
      { ...base, reflection },
    ]) {
      expect(() => createAttuneServer(options)).toThrow(expect.objectContaining({ code: "invalid-payload" }));
    }
  });
});
