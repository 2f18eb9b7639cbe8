import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The GGUF file name `pnpm model:pull` assembles (kept in step with scripts/lib/model.mjs by a test). */
export const DEFAULT_MODEL_FILE = "gemma-3-270m-q4_k_m.gguf";

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value !== "" ? value : undefined;

/**
 * Where the local model lives: `$ATTUNE_MODEL_PATH`, else
 * `${ATTUNE_CACHE_DIR ?? (XDG_CACHE_HOME ?? ~/.cache)/attune}/models/<DEFAULT_MODEL_FILE>`. The one
 * definition for TypeScript code; `scripts/lib/model.mjs` repeats it because it runs before install.
 *
 * @example
 * resolveModelPath({ env: { ATTUNE_CACHE_DIR: "/cache" } }); // "/cache/models/gemma-3-270m-q4_k_m.gguf"
 */
export function resolveModelPath(options: { env?: NodeJS.ProcessEnv } = {}): string {
  const env = options.env ?? process.env;
  const explicit = nonEmpty(env.ATTUNE_MODEL_PATH);
  if (explicit) return resolve(explicit);
  const cache =
    nonEmpty(env.ATTUNE_CACHE_DIR) ?? join(nonEmpty(env.XDG_CACHE_HOME) ?? join(homedir(), ".cache"), "attune");
  return resolve(cache, "models", DEFAULT_MODEL_FILE);
}
