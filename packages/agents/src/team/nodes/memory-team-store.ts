import type { Belief, Evidence, Message } from "@attune/model";
import type { TeamStore } from "./runtime.js";

type ReadOptions = Parameters<TeamStore["readTeamContext"]>[0];
type TeamContext = Awaited<ReturnType<TeamStore["readTeamContext"]>>;
type TeamTurn = Parameters<TeamStore["recordTeamTurn"]>[0];

/**
 * The two store calls a team turn makes, over plain maps, for unit tests of the nodes: it keeps the
 * semantics of `WorkspaceStore.readTeamContext`/`recordTeamTurn` that the nodes rely on (history
 * order and window, which minds are read, the correction queue). The real store runs the same turns
 * in the integration tests.
 */
export class MemoryTeamStore implements TeamStore {
  readonly actors = new Map<string, { name: string; kind: "person" | "agent" }>();
  readonly messages: Message[] = [];
  readonly minds = new Map<string, { state: string; corrections: string[] }>();
  readonly evidence = new Map<string, Evidence>();
  readonly beliefs = new Map<string, Belief>();
  readonly turns: TeamTurn[] = [];

  addActor(id: string, name: string, kind: "person" | "agent"): this {
    this.actors.set(id, { name, kind });
    return this;
  }

  /** Stores a message as the server does before a turn starts. */
  addMessage(message: Message): void {
    this.messages.push(message);
  }

  /** Queues a correction on a mind, as the API does. */
  queueCorrection(observerId: string, subjectId: string, correction: object): string {
    const raw = JSON.stringify(correction);
    const key = `${observerId}~${subjectId}`;
    const mind = this.minds.get(key) ?? { state: "", corrections: [] };
    mind.corrections.push(raw);
    this.minds.set(key, mind);
    return raw;
  }

  async readTeamContext(options: ReadOptions): Promise<TeamContext> {
    const recent = this.messages
      .filter((m) => m.channelId === options.channelId && m.id !== options.beforeMessageId)
      .map((m, i) => ({ m, i }))
      .sort(
        (a, b) =>
          b.m.createdAt.localeCompare(a.m.createdAt) ||
          Number(b.m.authorKind === "agent") - Number(a.m.authorKind === "agent") ||
          b.i - a.i,
      )
      .slice(0, options.historyLimit ?? 10)
      .map(({ m }) => m);
    const cut = recent.findIndex((m) => m.authorKind === "agent");
    const subjects = new Set([
      options.personId,
      ...recent
        .slice(0, cut === -1 ? recent.length : cut)
        .flatMap((m) => (m.authorKind === "agent" ? [] : [m.authorId])),
      ...options.agentIds,
    ]);
    const minds: TeamContext["minds"] = [];
    for (const observerId of options.agentIds) {
      for (const subjectId of subjects) {
        const mind = this.minds.get(`${observerId}~${subjectId}`);
        if (!mind?.state) continue;
        minds.push({
          observerId,
          subjectId,
          state: mind.state,
          corrections: mind.corrections.map((raw) => {
            const c = JSON.parse(raw) as { dimension: string; key: string; value: number; at: string; text?: string };
            return { raw, dimension: c.dimension, key: c.key, value: c.value, at: c.at, text: c.text ?? "" };
          }),
        });
      }
    }
    return {
      minds,
      history: recent.reverse().map((m) => ({
        id: m.id,
        authorId: m.authorId,
        authorKind: m.authorKind,
        authorName: this.actors.get(m.authorId)?.name ?? m.authorId,
        text: m.text,
        createdAt: m.createdAt,
        replyTo: m.replyTo ?? null,
      })),
    };
  }

  async recordTeamTurn(turn: TeamTurn): Promise<void> {
    const ids = [turn.reply.authorId, ...turn.minds.flatMap((m) => [m.observerId, m.subjectId])];
    const missing = ids.filter((id) => !this.actors.has(id));
    if (missing.length > 0 || !this.messages.some((m) => m.id === turn.reply.replyTo)) {
      throw new Error(`unknown actor or question: ${missing.join(", ")}`);
    }
    if (!this.messages.some((m) => m.id === turn.reply.id)) this.messages.push(turn.reply);
    for (const m of turn.minds) {
      const key = `${m.observerId}~${m.subjectId}`;
      const applied = new Set(m.appliedCorrections ?? []);
      const corrections = (this.minds.get(key)?.corrections ?? []).filter((c) => !applied.has(c));
      this.minds.set(key, { state: m.state, corrections });
      for (const e of m.evidence ?? []) if (!this.evidence.has(e.id)) this.evidence.set(e.id, e);
      for (const b of m.beliefs ?? []) this.beliefs.set(b.id, b);
    }
    this.turns.push(turn);
  }
}
