import { createWitnessLog } from "@attune/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../bench/seed.js";
import type { GraphStore } from "./graph-store.js";
import { recordPresence, recordTeam, teamSync } from "./team-sync.js";
import { freshWorkspaceId, openTestStore } from "./testing/index.js";

const MEMBERS = ["ana", "ben", "cal", "dee", "eli"];

/**
 * Team sync reads the graph's witness records (presence and SAW edges); the witness model
 * (`@attune/sync`, checked on ToMi) is the reference for what each member missed. The same random
 * stories go into both and every member's catch-up must agree.
 */
describe("team sync agrees with the witness model (real Neo4j)", () => {
  let store: GraphStore;
  const workspaces: string[] = [];
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    for (const ws of workspaces) await store?.workspace(ws).dropWorkspace();
    await store?.close();
  });

  it.each([1, 2, 3, 4, 5])("story %i", async (seed) => {
    const rng = new Rng(seed); // deterministic, so a failing story can be replayed
    const random = () => rng.next();
    const ws = freshWorkspaceId("witness");
    workspaces.push(ws);
    const w = store.workspace(ws);
    for (const id of MEMBERS) {
      await w.ensureSession({
        person: { id, name: id },
        assistant: { id: "assistant", name: "Attune", role: "assistant" },
        defaultChannels: [{ id: "room", name: "Room", kind: "team" }],
      });
    }
    await store.connection.query("MATCH (c:Channel {workspaceId: $ws, id: 'room'}) SET c.teamId = 'team'", { ws });
    await recordTeam({
      connection: store.connection,
      workspaceId: ws,
      teamId: "team",
      name: "Team",
      memberIds: MEMBERS,
    });

    // Times after the sessions' own presence stamps.
    const base = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000;
    const at = (i: number) => new Date(base + i * 60_000).toISOString();
    const log = createWitnessLog();
    const lastSeen = new Map<string, string>();
    for (const m of MEMBERS) {
      log.record({ kind: "enter", actor: m, place: "lobby", at: at(0) });
      await recordPresence({ connection: store.connection, workspaceId: ws, actorId: m, at: at(0) });
      lastSeen.set(m, at(0));
    }
    for (let i = 1; i <= 30; i++) {
      const author = MEMBERS[Math.floor(random() * MEMBERS.length)] as string;
      // Some members read each message when it comes; the author always has.
      const readers = MEMBERS.filter((m) => m !== author && random() < 0.45);
      const id = `e${i}`;
      await w.acceptMessage({
        id,
        workspaceId: ws,
        channelId: "room",
        authorId: author,
        authorKind: "person",
        text: `event ${i}`,
        createdAt: at(i),
      });
      log.record({
        kind: "announce",
        actor: author,
        topic: `t${i % 7}`,
        value: id,
        witnesses: [author, ...readers],
        at: at(i),
      });
      for (const r of readers) {
        await recordPresence({ connection: store.connection, workspaceId: ws, actorId: r, at: at(i), saw: [id] });
        lastSeen.set(r, at(i));
      }
    }
    const sync = await teamSync({ connection: store.connection, workspaceId: ws, teamId: "team", limit: 200 });
    for (const member of MEMBERS) {
      const fromGraph = (sync.find((s) => s.memberId === member)?.missed ?? []).map((e) => e.id).sort();
      const fromModel = log
        .missed({ actor: member, since: lastSeen.get(member) as string, kinds: ["announce"] })
        .map((e) => (e.kind === "announce" ? e.value : ""))
        .sort();
      expect(fromGraph, `${member}'s catch-up`).toEqual(fromModel);
    }
  });
});
