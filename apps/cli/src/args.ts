import { parseArgs as nodeParseArgs } from "node:util";
import { AttuneError } from "@attune/model";

type Spec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Parses flags strictly; unknown flags are a `invalid-payload` error with the usage line. */
export function parseFlags<S extends Spec>(argv: string[], spec: S, usage: string) {
  try {
    return nodeParseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `${(error as Error).message}\nusage: ${usage}`,
      cause: error,
    });
  }
}

export function required(value: string | boolean | undefined, flag: string, usage: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new AttuneError({ code: "invalid-payload", message: `missing --${flag}\nusage: ${usage}` });
  }
  return value;
}
