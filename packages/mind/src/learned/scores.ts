/**
 * All shipped heads fused into one module-level model (≈ 1.8 MB of Float32 for 2^16 buckets × 7 heads,
 * shared by every mind), scored once per text: the readers of one turn share one featurization and
 * one pass over its features.
 */
import clarificationFile from "../../weights/clarification.json" with { type: "json" };
import satisfactionFile from "../../weights/satisfaction.json" with { type: "json" };
import statesFile from "../../weights/states.json" with { type: "json" };
import { featuresOf } from "./featurize.js";
import { fuseLinear, type LinearFile, linearScores } from "./model.js";

const files: LinearFile[] = [statesFile, satisfactionFile, clarificationFile];
const { model, offsets } = fuseLinear(files);

/** Where each file's heads start among the fused outputs. */
export const OFFSET = { states: offsets[0] ?? 0, satisfaction: offsets[1] ?? 0, clarification: offsets[2] ?? 0 };
export const HEADS: readonly string[] = model.heads;

let memoText: string | undefined;
const memo = new Float64Array(model.k);

/**
 * Raw outputs (logits or regression values) of every head for `text`, in HEADS order. The array is
 * shared and overwritten by the next call with another text: read it right away.
 */
export function scoresOf(text: string): Float64Array {
  if (text !== memoText) {
    linearScores(model, featuresOf(text), memo);
    memoText = text;
  }
  return memo;
}
