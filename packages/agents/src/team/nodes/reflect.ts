import type { MindJSON } from "@attune/mind";
import type { ReflectionScheduler } from "../../reflection/reflection-scheduler.js";
import type { TeamState } from "../team-state.js";
import { mindKey, since, type TeamRuntime } from "./runtime.js";

/** What the team graph needs of a reflection scheduler (`createReflectionScheduler` gives it). */
export type TeamReflection = Pick<ReflectionScheduler, "maybeReflect" | "takePending">;

/**
 * The scheduler's key for one mind: the scheduler is shared by every workspace of a process, so the
 * workspace is part of it.
 */
export const reflectionKey = (workspaceId: string, observerId: string, subjectId: string) =>
  `${workspaceId}|${observerId}|${subjectId}`;

/**
 * reflect: offers the answering agent's minds of the people it answered to the reflection scheduler,
 * which decides (every N turns of a mind, or on a large surprise) whether to run the slow path.
 * `maybeReflect` returns at once: the model runs later, off the reply's critical path, and updateMinds
 * merges what it proposed (`takePending`) the next time it reads that mind.
 */
export function createReflectNode(runtime: TeamRuntime) {
  return function reflect(state: TeamState): Partial<TeamState> {
    const start = performance.now();
    const scheduler = runtime.options.reflection;
    const responder = state.activeAgentId;
    const reflections: string[] = [];
    if (scheduler && responder) {
      for (const a of state.addressees) {
        const text = state.minds[mindKey(responder, a.id)];
        const last = a.messages.at(-1);
        if (!text || !last) continue;
        const mindState = JSON.parse(text) as MindJSON;
        const transcript = [
          ...state.history
            .filter((h) => h.authorId === a.id || h.authorId === responder)
            .map((h) => ({
              role: h.authorKind === "agent" ? ("assistant" as const) : ("user" as const),
              text: h.text,
            })),
          ...a.messages.map((m) => ({ role: "user" as const, text: m.text })),
          ...(state.replyText ? [{ role: "assistant" as const, text: state.replyText }] : []),
        ];
        const decision = scheduler.maybeReflect({
          key: reflectionKey(state.workspaceId, responder, a.id),
          mindState,
          transcript,
          turn: mindState.turns,
          messageId: last.id,
          at: last.createdAt,
        });
        if (decision.queued) reflections.push(mindKey(responder, a.id));
      }
    }
    return { reflections, timings: { ...state.timings, reflect: since(start) } };
  };
}
