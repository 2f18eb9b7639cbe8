import { TeamStateSchema } from "@attune/agents";
import { ChannelKindSchema } from "@attune/model";
import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";

/** Where the learner stands on one topic after the turn. */
export const TopicProgressSchema = z.object({
  topic: z.string(),
  level: z.number(),
  confidence: z.number(),
  status: z.enum(["shaky", "working", "mastered"]),
});

/**
 * A tutoring turn: the team turn's state (one agent, one learner) plus what the tutor changed in the
 * mind's plan and where the learner stands afterwards.
 */
export const TutorStateSchema = TeamStateSchema.extend({
  /** A tutor talks with one person: a direct channel answers only them. */
  channelKind: ChannelKindSchema.default("direct"),
  /** The tutor's changes to the mind's plan this turn (empty: the mind's plan was already right). */
  tutoring: z.array(z.string()).default([]),
  /** The learner's knowledge per topic after this turn, as the tutor's mind holds it. */
  progress: z.array(TopicProgressSchema).default([]),
});
export type TutorState = z.infer<typeof TutorStateSchema>;
export type TutorInput = z.input<typeof TutorStateSchema>;

/** The same state as LangGraph's per-channel `StateSchema` (cheaper update validation, like `TeamGraphState`). */
export const TutorGraphState = new StateSchema(TutorStateSchema.shape);
