import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The monorepo root: the nearest ancestor holding `pnpm-workspace.yaml`. Data and secrets live under
 * it (in `.attune/`) unless `ATTUNE_DATA_DIR` says otherwise.
 */
export function findRootDir(options: { from?: string } = {}): string {
  let dir = resolve(options.from ?? dirname(fileURLToPath(import.meta.url)));
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
