import { z } from "zod";
import { IdSchema, TimestampSchema } from "./ids.js";
import { VisibilitySchema } from "./workspace.js";

/** The dimensions of a mind (DESIGN §2). */
export const DimensionSchema = z.enum(["knowledge", "preference", "state", "intent", "directive"]);
export type Dimension = z.infer<typeof DimensionSchema>;

/**
 * A belief's value is a Beta distribution over "how true is `key` of the subject" (knowledge level,
 * preference pole, state presence, intent). `mean` and `confidence` are derived for readers.
 */
export const BetaSchema = z.object({
  alpha: z.number().positive(),
  beta: z.number().positive(),
});
export type Beta = z.infer<typeof BetaSchema>;

export const BeliefSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema,
  observerId: IdSchema,
  subjectId: IdSchema,
  dimension: DimensionSchema,
  /** What the belief is about inside its dimension: a topic, a preference, a state name, an intent. */
  key: z.string().min(1).max(200),
  distribution: BetaSchema,
  /** Expected value of the distribution, 0..1. */
  mean: z.number().min(0).max(1),
  /** How concentrated the distribution is, 0..1 (0 = prior only). */
  confidence: z.number().min(0).max(1),
  evidenceIds: z.array(IdSchema),
  validFrom: TimestampSchema,
  validTo: TimestampSchema.nullable(),
  recordedAt: TimestampSchema,
  visibility: VisibilitySchema,
});
export type Belief = z.infer<typeof BeliefSchema>;

/** One observation drawn from a message or event, attributed to its speaker and its subject. */
export const EvidenceSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema,
  messageId: IdSchema,
  speakerId: IdSchema,
  subjectId: IdSchema,
  dimension: DimensionSchema,
  key: z.string().min(1).max(200),
  /** The signal extractor that produced it, e.g. `technical-vocabulary`. */
  signal: z.string().min(1).max(100),
  /** Likelihood ratio direction and strength: positive supports `key`, negative contradicts it. */
  weight: z.number().min(-10).max(10),
  /** A soft observation of where the quantity lies, 0..1 (e.g. a knowledge tier); absent = the weight's sign. */
  value: z.number().min(0).max(1).optional(),
  /** The part of the message that carries the signal (a short quote). */
  excerpt: z.string().max(500),
  observedAt: TimestampSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** What the mind engine emits after a turn: the beliefs that changed and their evidence. */
export const MindUpdateSchema = z.object({
  observerId: IdSchema,
  subjectId: IdSchema,
  beliefs: z.array(BeliefSchema),
  evidence: z.array(EvidenceSchema),
});
export type MindUpdate = z.infer<typeof MindUpdateSchema>;
