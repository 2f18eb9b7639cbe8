import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The token-signing secret: `ATTUNE_SECRET` if set, else `<dataDir>/secret`, generated on first use
 * with owner-only permissions so every process on this machine (server, CLI) signs alike.
 */
export async function resolveSecret(options: { dataDir: string; secret?: string | undefined }): Promise<string> {
  if (options.secret) return options.secret;
  const file = join(options.dataDir, "secret");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 16) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const generated = randomBytes(32).toString("base64url");
  try {
    // `wx` makes a concurrent first run lose the race instead of overwriting the winner's secret.
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return (await readFile(file, "utf8")).trim();
  }
}
