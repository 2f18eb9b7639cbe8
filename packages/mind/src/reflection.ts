import { DimensionSchema } from "@attune/model";
import { z } from "zod";
import type { Mind, MindSnapshot, Observation } from "./mind.js";

/** One hypothesis a slow-path reflection proposes about the person. */
export const HypothesisSchema = z.object({
  /** What kind of insight: goals and misconceptions land in `intent`/`knowledge` beliefs with their own keys. */
  kind: z.enum(["goal", "misconception", "relationship", "knowledge", "preference", "state", "intent"]),
  dimension: DimensionSchema,
  key: z.string().min(1).max(200),
  /** How true the hypothesis is, 0..1 (0.5 = no lean). */
  value: z.number().min(0).max(1),
  /** How sure the reflector is, 0..1. */
  confidence: z.number().min(0).max(1),
  rationale: z.string().max(500),
});
export type Hypothesis = z.infer<typeof HypothesisSchema>;

export const ReflectionSchema = z.object({ hypotheses: z.array(HypothesisSchema).max(12) });
export type Reflection = z.infer<typeof ReflectionSchema>;

/** What a reflector is given: the current snapshot and the recent conversation. */
export interface ReflectionInput {
  snapshot: MindSnapshot;
  transcript: { role: "user" | "assistant"; text: string }[];
}

/** The slow path's interface: an LLM (or anything) that proposes hypotheses as raw structured output. */
export interface Reflector {
  reflect(input: ReflectionInput): Promise<unknown>;
}

/** The belief dimension a hypothesis of each kind lands in. */
export const HYPOTHESIS_DIMENSION: Readonly<Record<Hypothesis["kind"], Hypothesis["dimension"]>> = {
  goal: "intent",
  misconception: "knowledge",
  relationship: "preference",
  knowledge: "knowledge",
  preference: "preference",
  state: "state",
  intent: "intent",
};

/**
 * Validates a reflector's raw output, repairing what small models typically get wrong (JSON inside
 * prose or code fences, a bare array, numbers as strings or percentages, a missing dimension) and
 * rejecting the rest. Never throws.
 */
export function parseReflection(
  raw: unknown,
): { ok: true; hypotheses: Hypothesis[]; dropped: number } | { ok: false; error: string } {
  let value = raw;
  if (typeof value === "string") {
    const match = value.match(/```(?:json)?\s*([\s\S]*?)```/) ?? value.match(/(\{[\s\S]*\}|\[[\s\S]*\])/);
    const text = match?.[1] ?? value;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, error: "no JSON found in the reflection output" };
    }
  }
  if (Array.isArray(value)) value = { hypotheses: value };
  if (!value || typeof value !== "object" || !Array.isArray((value as { hypotheses?: unknown }).hypotheses)) {
    return { ok: false, error: "the reflection output has no hypotheses list" };
  }
  const hypotheses: Hypothesis[] = [];
  let dropped = 0;
  for (const item of (value as { hypotheses: unknown[] }).hypotheses.slice(0, 12)) {
    const repaired = repair(item);
    const parsed = HypothesisSchema.safeParse(repaired);
    if (parsed.success) hypotheses.push(parsed.data);
    else dropped += 1;
  }
  if (hypotheses.length === 0) return { ok: false, error: `no valid hypothesis (${dropped} rejected)` };
  return { ok: true, hypotheses, dropped };
}

function repair(item: unknown): unknown {
  if (!item || typeof item !== "object") return item;
  const h = { ...(item as Record<string, unknown>) };
  const num = (v: unknown) => {
    const n = typeof v === "string" ? Number.parseFloat(v) : v;
    return typeof n === "number" && Number.isFinite(n)
      ? n > 1 && n <= 100
        ? n / 100
        : Math.max(0, Math.min(1, n))
      : v;
  };
  h.value = num(h.value ?? 0.75);
  h.confidence = num(h.confidence ?? 0.5);
  if (typeof h.kind === "string") h.kind = h.kind.toLowerCase();
  if (h.dimension === undefined && typeof h.kind === "string" && h.kind in HYPOTHESIS_DIMENSION) {
    h.dimension = HYPOTHESIS_DIMENSION[h.kind as Hypothesis["kind"]];
  }
  if (typeof h.rationale !== "string") h.rationale = "";
  if (typeof h.rationale === "string") h.rationale = h.rationale.slice(0, 500);
  if (typeof h.key === "string") h.key = h.key.trim().toLowerCase().slice(0, 200);
  return h;
}

/**
 * Runs one reflection and merges what survives validation into the mind as weighted evidence. A
 * failing or unparseable reflector changes nothing and reports why.
 */
export async function reflectInto(options: {
  mind: Mind;
  reflector: Reflector;
  transcript: ReflectionInput["transcript"];
  /** Evidence id namespace (e.g. the message that triggered the reflection). */
  messageId: string;
  /** Observations' worth of the most confident hypothesis. @default 1 */
  weight?: number;
  at?: string;
}): Promise<{ ok: true; observation: Observation; dropped: number } | { ok: false; error: string }> {
  let raw: unknown;
  try {
    raw = await options.reflector.reflect({ snapshot: options.mind.snapshot(), transcript: options.transcript });
  } catch (error) {
    return { ok: false, error: `reflector failed: ${(error as Error).message}` };
  }
  const parsed = parseReflection(raw);
  if (!parsed.ok) return parsed;
  const observation = options.mind.mergeHypotheses({
    hypotheses: parsed.hypotheses,
    messageId: options.messageId,
    ...(options.weight === undefined ? {} : { weight: options.weight }),
    ...(options.at === undefined ? {} : { at: options.at }),
  });
  return { ok: true, observation, dropped: parsed.dropped };
}
