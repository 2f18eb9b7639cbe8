/**
 * Answers ToMi questions with the witness model, through its public API only: a story becomes witness
 * events, a question becomes a `WitnessLog` query. Nothing here looks at the trace or the answer.
 */
import { createWitnessLog, type WitnessEvent, type WitnessLog } from "../src/index.js";
import type { TomiQuestion, TomiSentence, TomiStory } from "./tomi-parse.js";

/**
 * How questions are answered.
 * - `witness`: the witness model as it stands, with ToMi's one world convention: containers are open,
 *   so whoever is in the room at an entry sees where the items are (`revealOnEnter`).
 * - `tomi-labels`: additionally reproduces two artifacts of ToMi's generator (facebookresearch/ToMi,
 *   tomi/story.py) that only its second-order labels carry, so the score measures agreement with the
 *   published labels:
 *   1. the mover's exit does not stop them from watching agent_1 come back (the generator reuses the
 *      observer list it built before the exit), so that exit is left out of the story;
 *   2. if a third agent enters the item's room anywhere in the story, both second-order labels are the
 *      item's real location (the generator applies that entry after the whole story, with the two
 *      main agents as observers wherever they are).
 */
export type TomiConventions = "witness" | "tomi-labels";

/**
 * Turns a story into witness events. ToMi never says which room the opening "The X is in the Y."
 * happens in; it is the room where the story's agents are gathered (the most occupied room, ties to
 * the most recently entered), which is the room of every later move of the item in all three splits.
 */
export function storyEvents(
  sentences: readonly TomiSentence[],
  conventions: TomiConventions = "tomi-labels",
): WitnessEvent[] {
  const events: WitnessEvent[] = [];
  const where = new Map<string, string>();
  const entered: string[] = [];
  const mover = sentences.find((s) => s.kind === "move")?.actor;
  let moved = false;
  for (const s of sentences) {
    switch (s.kind) {
      case "enter":
        where.set(s.actor, s.place);
        entered.push(s.place);
        events.push({ kind: "enter", actor: s.actor, place: s.place });
        break;
      case "exit":
        if (conventions === "tomi-labels" && moved && s.actor === mover) break;
        where.delete(s.actor);
        events.push({ kind: "exit", actor: s.actor, place: s.place });
        break;
      case "placed": {
        const place = sceneOf(where, entered);
        if (place === undefined) throw new Error(`"The ${s.item} is in the ${s.container}" with no one anywhere`);
        events.push({ kind: "put", item: s.item, container: s.container, place });
        break;
      }
      case "move":
        moved = true;
        events.push({ kind: "move", actor: s.actor, item: s.item, container: s.container });
        break;
      case "opinion":
        // Likes and dislikes carry no information about who saw what.
        break;
    }
  }
  return events;
}

function sceneOf(where: ReadonlyMap<string, string>, entered: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const place of where.values()) counts.set(place, (counts.get(place) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  for (let i = entered.length - 1; i >= 0; i--) {
    const place = entered[i] as string;
    if (counts.get(place) === most) return place;
  }
  return undefined;
}

/** The room the story's item starts in (where the opening "The X is in the Y." is placed). */
function itemRoom(log: WitnessLog, item: string): string | undefined {
  const first = log.history({ key: item })[0];
  return first === undefined ? undefined : log.events[first.setBy]?.where;
}

/** Artifact 2 of `tomi-labels`: someone other than the two agents asked about entered the item's room. */
function thirdAgentEntered(log: WitnessLog, question: TomiQuestion & { kind: "second_order" }): boolean {
  const room = itemRoom(log, question.item);
  return log.events.some(
    (e) => e.kind === "enter" && e.place === room && e.actor !== question.actor && e.actor !== question.about,
  );
}

/** The witness model's answer to one question; `undefined` when the asked-about mind holds no value. */
export function answerQuestion(
  log: WitnessLog,
  question: TomiQuestion,
  conventions: TomiConventions = "tomi-labels",
): string | undefined {
  switch (question.kind) {
    case "memory":
      return log.history({ key: question.item })[0]?.value;
    case "reality":
      return log.actual({ key: question.item })?.value;
    case "first_order":
      return log.belief({ key: question.item, perspective: [question.actor] })?.value;
    case "second_order":
      if (conventions === "tomi-labels" && thirdAgentEntered(log, question)) {
        return log.actual({ key: question.item })?.value;
      }
      return log.belief({ key: question.item, perspective: [question.actor, question.about] })?.value;
  }
}

export interface TomiResult {
  readonly story: TomiStory;
  readonly predicted: string | undefined;
  readonly correct: boolean;
}

export function answerStory(story: TomiStory, conventions: TomiConventions = "tomi-labels"): TomiResult {
  const log = createWitnessLog({ revealOnEnter: true, events: storyEvents(story.sentences, conventions) });
  const predicted = answerQuestion(log, story.question, conventions);
  return { story, predicted, correct: predicted === story.answer };
}

export interface Tally {
  correct: number;
  total: number;
}

/** Accuracy overall and per group: question kind, trace question type, story type, tom / no_tom. */
export function scoreTomi(results: readonly TomiResult[]): { overall: Tally; groups: Map<string, Tally> } {
  const overall: Tally = { correct: 0, total: 0 };
  const groups = new Map<string, Tally>();
  const add = (name: string, ok: boolean) => {
    const t = groups.get(name) ?? { correct: 0, total: 0 };
    t.total++;
    if (ok) t.correct++;
    groups.set(name, t);
  };
  for (const r of results) {
    overall.total++;
    if (r.correct) overall.correct++;
    add(`question: ${r.story.question.kind}`, r.correct);
    const trace = r.story.trace;
    if (trace) {
      add(`story: ${trace.storyType}`, r.correct);
      const order = /^(first|second)_order_\d_(tom|no_tom)$/.exec(trace.questionType);
      if (order) add(`${order[1]}-order ${order[2]}`, r.correct);
    }
  }
  return { overall, groups };
}
