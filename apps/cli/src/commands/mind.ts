import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { evaluateConversation } from "@attune/mind";
import { AttuneError } from "@attune/model";
import { parseFlags, required } from "../args.js";

const USAGE = "attune mind eval --in F.jsonl [--out G.jsonl] [--per-turn]";

/**
 * `attune mind eval`: runs the mind over conversations (one JSON object per line) and writes snapshots
 * and plans as JSON lines (docs/mind-eval.md). A malformed line is reported with its number and
 * skipped; the exit code is 1 if any line failed.
 */
export async function mindCommand(argv: string[], err: (line: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== "eval") throw new AttuneError({ code: "invalid-payload", message: `usage: ${USAGE}` });
  const { values } = parseFlags(
    rest,
    { in: { type: "string" }, out: { type: "string" }, "per-turn": { type: "boolean" } },
    USAGE,
  );
  const input = required(values.in, "in", USAGE);
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  const lines = createInterface({
    input: input === "-" ? process.stdin : createReadStream(input),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  let failed = 0;
  let written = 0;
  for await (const raw of lines) {
    n++;
    if (raw.trim().length === 0) continue;
    try {
      for (const line of evaluateConversation({
        conversation: JSON.parse(raw),
        perTurn: values["per-turn"] === true,
      })) {
        if (!out.write(`${JSON.stringify(line)}\n`))
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        written++;
      }
    } catch (error) {
      failed++;
      err(`line ${n}: ${(error as Error).message.split("\n")[0]?.slice(0, 300)}`);
    }
  }
  if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
  err(`${written} output line(s) from ${n} input line(s)${failed ? `, ${failed} failed` : ""}`);
  if (failed > 0) process.exitCode = 1;
}
