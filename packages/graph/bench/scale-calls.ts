/**
 * The calls the scale benchmark measures against the seeded workspace: a pluggable table. Each entry
 * gets `prepare(n)` once (untimed; e.g. to store the inputs of calls 0..n-1), then `run(i)` for
 * warm-up and measured iterations, one at a time; `i` is unique per call so writes never collide.
 */
import type { Belief, Evidence } from "@attune/model";
import { createBulkLoader } from "../src/bulk-loader.js";
import type { GraphConnection } from "../src/connection.js";
import { readPersonModel } from "../src/person-model.js";
import { whoCanHelp } from "../src/recommendations.js";
import { teamSync } from "../src/team-sync.js";
import { WorkspaceStore } from "../src/workspace-store.js";
import type { SeedWorkspace } from "./seed.js";

export interface ScaleCall {
  name: string;
  /** The budget for this call's p95. */
  targetP95Ms: number;
  /** Untimed setup for iterations 0..iterations-1. */
  prepare?: (iterations: number) => Promise<void>;
  run: (i: number) => Promise<unknown>;
}

export interface ScaleContext {
  connection: GraphConnection;
  workspaceId: string;
  seed: SeedWorkspace;
}

const TURN_EPOCH = Date.parse("2026-02-01T00:00:00.000Z");
/** Spreads iterations over different people (a prime stride), so each call touches a different mind. */
const personIndexOf = (seed: SeedWorkspace, i: number) => (i * 7919 + 13) % seed.counts.persons;
// A serialized engine state of realistic size (the mind engine's JSON is a few KB).
const MIND_STATE = JSON.stringify({ v: 2, beliefs: Array.from({ length: 24 }, (_, k) => ({ k, a: 2.5, b: 1.5 })) });

/**
 * "One turn's belief upsert": `WorkspaceStore.recordTurn` for a person the seed already modelled — the
 * reply, the mind's state, two evidence items and two new belief versions (one supersedes a seeded
 * knowledge belief, closing it; one is a state belief), in one transaction.
 */
function beliefUpsert(ctx: ScaleContext): ScaleCall {
  const { seed, workspaceId } = ctx;
  const store = new WorkspaceStore({ connection: ctx.connection, workspaceId });
  const questionId = (i: number) => `bench-q${i}`;
  return {
    name: "one turn's belief upsert (recordTurn)",
    targetP95Ms: 10,
    async prepare(iterations) {
      // The person's question each turn answers, stored in bulk (untimed).
      const loader = createBulkLoader({ connection: ctx.connection, workspaceId });
      await loader.loadMessages(
        Array.from({ length: iterations }, (_, i) => {
          const topic = seed.knowledgeTopicsOf(personIndexOf(seed, i))[0] as string;
          return {
            id: questionId(i),
            channelId: seed.generalChannelId,
            authorId: seed.personId(personIndexOf(seed, i)),
            text: `how does ${topic} behave under load? (${i})`,
            createdAt: new Date(TURN_EPOCH + i * 1000).toISOString(),
            topicIds: [topic],
          };
        }),
      );
    },
    run(i) {
      const p = personIndexOf(seed, i);
      const personId = seed.personId(p);
      const agentId = seed.primaryAgentOf(p);
      const topic = seed.knowledgeTopicsOf(p)[0] as string;
      const at = new Date(TURN_EPOCH + i * 1000 + 500).toISOString();
      const evidence = (k: number, dimension: Evidence["dimension"], key: string): Evidence => ({
        id: `bench-e${i}.${k}`,
        workspaceId,
        messageId: questionId(i),
        speakerId: personId,
        subjectId: personId,
        dimension,
        key,
        signal: k === 0 ? "technical-vocabulary" : "hedging",
        weight: 1,
        excerpt: `under load (${i})`,
        observedAt: at,
      });
      const belief = (k: number, dimension: Belief["dimension"], key: string, alpha: number): Belief => ({
        id: `bench-b${i}.${k}`,
        workspaceId,
        observerId: agentId,
        subjectId: personId,
        dimension,
        key,
        distribution: { alpha, beta: 2 },
        mean: alpha / (alpha + 2),
        confidence: 0.4,
        evidenceIds: [`bench-e${i}.${k}`],
        validFrom: at,
        validTo: null,
        recordedAt: at,
        visibility: "private",
      });
      return store.recordTurn({
        reply: {
          id: `bench-r${i}`,
          workspaceId,
          channelId: seed.generalChannelId,
          authorId: agentId,
          authorKind: "agent",
          text: `Under load, ${topic} mostly queues; here is why (${i}).`,
          createdAt: at,
          replyTo: questionId(i),
        },
        mind: { observerId: agentId, subjectId: personId, state: MIND_STATE },
        evidence: [evidence(0, "knowledge", topic), evidence(1, "state", "confused")],
        beliefs: [belief(0, "knowledge", topic, 4), belief(1, "state", "confused", 2)],
      });
    },
  };
}

/** The measured calls, in the order they run. */
export function scaleCalls(ctx: ScaleContext): ScaleCall[] {
  return [
    {
      name: "person model read",
      targetP95Ms: 15,
      run: (i) =>
        readPersonModel({
          connection: ctx.connection,
          workspaceId: ctx.workspaceId,
          personId: ctx.seed.personId(personIndexOf(ctx.seed, i)),
        }),
    },
    {
      name: "who-can-help",
      targetP95Ms: 50,
      run: (i) =>
        whoCanHelp({
          connection: ctx.connection,
          workspaceId: ctx.workspaceId,
          seekerId: ctx.seed.personId(personIndexOf(ctx.seed, i)),
          // Skewed like real asks: mostly popular topics, sometimes rare ones.
          topic: ctx.seed.topicsByPopularity[(i * i) % ctx.seed.topicsByPopularity.length] as string,
        }),
    },
    {
      name: "team sync (20-person team)",
      targetP95Ms: 50,
      run: (i) =>
        teamSync({
          connection: ctx.connection,
          workspaceId: ctx.workspaceId,
          teamId: ctx.seed.twentyPersonTeams[i % ctx.seed.twentyPersonTeams.length] as string,
        }),
    },
    beliefUpsert(ctx),
  ];
}
