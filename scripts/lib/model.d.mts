export const MODEL_FILE: string;
export const MODEL_SHA256: string;
export const MODEL_SIZE: number;
export const MODEL_PACKAGES: readonly string[];
export function cacheDir(env?: NodeJS.ProcessEnv): string;
export function defaultModelPath(env?: NodeJS.ProcessEnv): string;
export function resolveModelPath(env?: NodeJS.ProcessEnv): string;
export function verifyModel(
  file?: string,
  options?: { noCache?: boolean },
): Promise<{ ok: true; cached: boolean } | { ok: false; reason: string }>;
export function formatBytes(n: number): string;
export function pullModel(options?: {
  log?: (line: string) => void;
  force?: boolean;
  quiet?: boolean;
  dest?: string;
}): Promise<{ path: string; size: number; sha256: string; pulled: boolean }>;
