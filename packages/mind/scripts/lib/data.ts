/**
 * Loaders for the real evaluation data in `../shared/eval` (from the repo root; override with
 * ATTUNE_EVAL_DIR). The files are read in place, never copied into the repo. Splits that the data
 * does not ship with are made deterministically by hashing a stable key (see `splitOf`).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repo root, found from this file's location (packages/mind/scripts/lib → ../../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

export function evalDir(): string {
  const dir = process.env.ATTUNE_EVAL_DIR ? resolve(process.env.ATTUNE_EVAL_DIR) : resolve(REPO_ROOT, "../shared/eval");
  if (!existsSync(dir)) throw new Error(`evaluation data not found at ${dir} (set ATTUNE_EVAL_DIR)`);
  return dir;
}

function read(rel: string): string {
  return readFileSync(resolve(evalDir(), rel), "utf8");
}

/** FNV-1a + murmur finalizer → [0, 1): a stable, platform-independent split key. */
export function unitHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x100000000;
}

export type Split = "train" | "dev" | "test";

/** Deterministic split by hashing `key`: [0, train) train, [train, train+dev) dev, rest test. */
export function splitOf(key: string, train: number, dev: number): Split {
  const u = unitHash(key);
  return u < train ? "train" : u < train + dev ? "dev" : "test";
}

// ---------------------------------------------------------------- GoEmotions

export const STATES = ["confused", "frustrated", "playful", "skeptical"] as const;
export type State = (typeof STATES)[number];

/** Label ids (goemotions/labels.txt order) behind each state. */
export const STATE_LABELS: Record<State, number[]> = {
  confused: [6], // confusion
  frustrated: [2, 3, 9], // anger, annoyance, disappointment
  playful: [1], // amusement
  skeptical: [10], // disapproval
};
/** Extra GoEmotions labels usable as auxiliary targets: curiosity, nervousness. */
export const AUX_LABELS = { curiosity: 7, nervousness: 19 } as const;

export interface EmotionExample {
  text: string;
  labels: Set<number>;
}

export function goEmotions(split: Split): EmotionExample[] {
  const file = `goemotions/${split}.tsv`;
  const out: EmotionExample[] = [];
  for (const line of read(file).split("\n")) {
    if (!line) continue;
    const [text, ids] = line.split("\t");
    if (text === undefined || ids === undefined) continue;
    out.push({ text, labels: new Set(ids.split(",").map(Number)) });
  }
  return out;
}

export function stateLabel(ex: EmotionExample, state: State): 0 | 1 {
  return STATE_LABELS[state].some((id) => ex.labels.has(id)) ? 1 : 0;
}

// ---------------------------------------------------------------- USS

export type UssCorpus = "MWOZ" | "SGD" | "ReDial" | "CCPE";

export interface UserTurn {
  corpus: UssCorpus;
  dialogue: number;
  /** Dialogue key used for splitting. */
  key: string;
  text: string;
  /** The most recent SYSTEM text before this turn in the dialogue ("" at the start). */
  previous: string;
  /** Mean of the annotators' 1–5 scores. */
  mean: number;
}

/**
 * User turns with their mean satisfaction. The per-dialogue "OVERALL" rows (a rating of the whole
 * dialogue, not a reply) are skipped.
 */
export function ussTurns(corpus: UssCorpus): UserTurn[] {
  const out: UserTurn[] = [];
  const dialogues = read(`uss/${corpus}.txt`)
    .split(/\n\s*\n/)
    .map((d) => d.split("\n").filter((l) => l.trim().length > 0))
    .filter((d) => d.length > 0);
  dialogues.forEach((lines, dialogue) => {
    const key = `${corpus}:${lines.slice(0, 4).join("\n")}`;
    let previous = "";
    for (const line of lines) {
      const [role, text = "", , scores = ""] = line.split("\t");
      if (role === "SYSTEM") {
        previous = text;
        continue;
      }
      if (role !== "USER" || !scores.trim() || text === "OVERALL") continue;
      const s = scores.split(",").map(Number);
      out.push({ corpus, dialogue, key, text, previous, mean: s.reduce((a, b) => a + b, 0) / s.length });
    }
  });
  return out;
}

/** Dissatisfied = mean ≤ 2 (1), satisfied = mean ≥ 4 (0); in-between turns get undefined. */
export function dissatisfied(turn: UserTurn): 0 | 1 | undefined {
  return turn.mean <= 2 ? 1 : turn.mean >= 4 ? 0 : undefined;
}

/** MWOZ+SGD split by dialogue: 70 % train, 15 % dev, 15 % held-out test. */
export function ussSplit(turn: UserTurn): Split {
  return splitOf(turn.key, 0.7, 0.15);
}

// ---------------------------------------------------------------- ClariQ

export interface ClariqRequest {
  topicId: string;
  text: string;
  /** clarification_need, 1 (none) … 4 (highly needed). */
  need: number;
}

export function clariq(split: Split): ClariqRequest[] {
  const file = split === "test" ? "clariq/test_with_labels.tsv" : `clariq/${split}.tsv`;
  const lines = read(file).split("\n");
  const header = (lines[0] ?? "").split("\t");
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [iTopic, iText, iNeed] = [col("topic_id"), col("initial_request"), col("clarification_need")];
  const seen = new Map<string, ClariqRequest>();
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const c = line.split("\t");
    const topicId = c[iTopic] ?? "";
    if (seen.has(topicId)) continue;
    seen.set(topicId, { topicId, text: c[iText] ?? "", need: Number(c[iNeed]) });
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------- CLAMBER

export interface ClamberRequest {
  question: string;
  needsClarification: 0 | 1;
  category: string;
  /** The bundled LLM's own prediction (predict_ambiguous), for reference. */
  bundled: 0 | 1;
}

/** CLAMBER split by hashing the question text: 60 % train, 20 % dev, 20 % test. */
export function clamber(split: Split): ClamberRequest[] {
  const out: ClamberRequest[] = [];
  for (const line of read("clamber/clamber_benchmark.jsonl").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(JSON.parse(line) as string) as {
      question: string;
      require_clarification: number;
      category: string;
      predict_ambiguous: number;
    };
    if (splitOf(`clamber:${r.question}`, 0.6, 0.2) !== split) continue;
    out.push({
      question: r.question,
      needsClarification: r.require_clarification ? 1 : 0,
      category: r.category,
      bundled: r.predict_ambiguous ? 1 : 0,
    });
  }
  return out;
}
