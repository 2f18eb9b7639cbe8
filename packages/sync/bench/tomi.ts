/**
 * ToMi benchmark of the witness model: every question of fb_all_{train,val,test} answered through the
 * public `WitnessLog` API. Conventions were settled on train/val; test is only reported.
 *
 *   npx tsx packages/sync/bench/tomi.ts            (from the repo root; or `pnpm --filter @attune/sync bench`)
 *   npx tsx packages/sync/bench/tomi.ts --errors   (also print a few wrong answers from train/val)
 *   npx tsx packages/sync/bench/tomi.ts --dev      (train/val only: for choosing conventions)
 *
 * Data: ../shared/eval/tomi from the repo root (override: ATTUNE_EVAL_DIR). Prints a markdown table;
 * exits non-zero if test accuracy is below 99 %.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { answerStory, scoreTomi, type Tally, type TomiResult } from "./tomi-answer.js";
import { parseTomi, type TomiStory } from "./tomi-parse.js";

export const TEST_TARGET = 0.99;
const SPLITS = ["train", "val", "test"] as const;

/** The ToMi folder, or undefined when the evaluation data is not on this machine. */
export function tomiDir(): string | undefined {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  const evalDir = process.env.ATTUNE_EVAL_DIR ? resolve(process.env.ATTUNE_EVAL_DIR) : resolve(root, "../shared/eval");
  const dir = resolve(evalDir, "tomi");
  return existsSync(dir) ? dir : undefined;
}

export function loadTomi(dir: string, split: string): TomiStory[] {
  const base = resolve(dir, `fb_all_${split}`);
  return parseTomi({
    text: readFileSync(`${base}.txt`, "utf8"),
    trace: readFileSync(`${base}.trace`, "utf8"),
    source: `fb_all_${split}.txt`,
  });
}

const pct = (t: Tally | undefined) => (t && t.total > 0 ? `${((100 * t.correct) / t.total).toFixed(2)} %` : "—");

function main(): void {
  const dir = tomiDir();
  if (!dir) {
    console.error("ToMi data not found: expected ../shared/eval/tomi from the repo root (set ATTUNE_EVAL_DIR)");
    process.exit(2);
  }
  const showErrors = process.argv.includes("--errors");
  // --dev leaves test out entirely, so conventions are chosen without ever seeing it.
  const splits: readonly string[] = process.argv.includes("--dev") ? SPLITS.filter((s) => s !== "test") : SPLITS;
  const started = performance.now();
  const scores = new Map<string, ReturnType<typeof scoreTomi>>();
  const pure = new Map<string, ReturnType<typeof scoreTomi>>();
  const wrong: TomiResult[] = [];
  let questions = 0;
  for (const split of splits) {
    const stories = loadTomi(dir, split);
    const results = stories.map((story) => answerStory(story, "tomi-labels"));
    questions += results.length;
    scores.set(split, scoreTomi(results));
    pure.set(split, scoreTomi(stories.map((story) => answerStory(story, "witness"))));
    if (split !== "test") wrong.push(...results.filter((r) => !r.correct));
  }
  const ms = performance.now() - started;

  const names = [...new Set(splits.flatMap((s) => [...(scores.get(s)?.groups.keys() ?? [])]))].sort();
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  console.log("ToMi (fb_all): witness model vs the published labels (conventions: tomi-labels)\n");
  console.log(row(["", ...splits]));
  console.log(row(["---", ...splits.map(() => "---:")]));
  console.log(row(["**all**", ...splits.map((s) => `**${pct(scores.get(s)?.overall)}**`)]));
  for (const name of names) console.log(row([name, ...splits.map((s) => pct(scores.get(s)?.groups.get(name)))]));
  console.log(row(["questions", ...splits.map((s) => String(scores.get(s)?.overall.total ?? 0))]));

  console.log("\nWithout reproducing the generator's second-order artifacts (conventions: witness)\n");
  console.log(row(["", ...splits]));
  console.log(row(["---", ...splits.map(() => "---:")]));
  console.log(row(["all", ...splits.map((s) => pct(pure.get(s)?.overall))]));
  console.log(
    row(["question: second_order", ...splits.map((s) => pct(pure.get(s)?.groups.get("question: second_order")))]),
  );
  console.log(
    row([
      "labels only the artifacts explain",
      ...splits.map((s) => String((scores.get(s)?.overall.correct ?? 0) - (pure.get(s)?.overall.correct ?? 0))),
    ]),
  );
  console.log(`\n${questions} questions, each parsed and answered twice, in ${ms.toFixed(0)} ms`);

  if (showErrors) {
    for (const r of wrong.slice(0, 5)) {
      console.log(`\n--- line ${r.story.line}: expected ${r.story.answer}, got ${r.predicted ?? "(nothing)"}`);
      console.log(
        `trace: ${r.story.trace?.steps.join(",")} / ${r.story.trace?.questionType} / ${r.story.trace?.storyType}`,
      );
      for (const s of r.story.sentences) console.log(`  ${JSON.stringify(s)}`);
      console.log(`  Q ${JSON.stringify(r.story.question)}`);
    }
    console.log(`\n${wrong.length} wrong on train+val`);
  }

  if (!splits.includes("test")) return;
  const test = scores.get("test")?.overall;
  const accuracy = test && test.total > 0 ? test.correct / test.total : 0;
  if (accuracy < TEST_TARGET) {
    console.error(`FAIL: test accuracy ${pct(test)} is below ${(TEST_TARGET * 100).toFixed(0)} %`);
    process.exit(1);
  }
  console.log(`OK: test accuracy ${pct(test)} ≥ ${(TEST_TARGET * 100).toFixed(0)} %`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
