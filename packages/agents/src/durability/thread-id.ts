import { AttuneError, IdSchema } from "@attune/model";

/** What every turn thread id starts with: `AttuneCheckpointer.threadIds({ prefix })` finds them by it. */
export const TURN_THREAD_PREFIX = "turn/";

/** The parts of a turn thread: one LangGraph thread per workspace, channel and person. */
export interface TurnThread {
  workspaceId: string;
  channelId: string;
  personId: string;
}

/**
 * The LangGraph `thread_id` of one person's turns in one channel: `turn/<workspace>/<channel>/<person>`.
 * Each person gets their own thread so a paused run (an approval) or a crashed turn of one person
 * never holds up another's, and ids never contain `/`, so the id parses back unambiguously.
 *
 * @example
 * turnThreadId({ workspaceId: "acme", channelId: "general", personId: "ada" }); // "turn/acme/general/ada"
 */
export function turnThreadId(thread: TurnThread): string {
  for (const [name, value] of Object.entries(thread)) {
    if (!IdSchema.safeParse(value).success) {
      throw new AttuneError({ code: "invalid-payload", message: `${name} is not a valid id` });
    }
  }
  return `${TURN_THREAD_PREFIX}${thread.workspaceId}/${thread.channelId}/${thread.personId}`;
}

/**
 * The parts of a thread id built by `turnThreadId`, or `undefined` for anything else.
 *
 * @example
 * parseTurnThreadId("turn/acme/general/ada"); // { workspaceId: "acme", channelId: "general", personId: "ada" }
 */
export function parseTurnThreadId(threadId: string): TurnThread | undefined {
  const [kind, workspaceId, channelId, personId, ...rest] = threadId.split("/");
  if (`${kind}/` !== TURN_THREAD_PREFIX || rest.length > 0) return undefined;
  const parts = [workspaceId, channelId, personId];
  if (!parts.every((p) => IdSchema.safeParse(p).success)) return undefined;
  return { workspaceId: workspaceId as string, channelId: channelId as string, personId: personId as string };
}
