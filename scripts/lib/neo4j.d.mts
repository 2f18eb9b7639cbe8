export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  external: boolean;
}
type Log = (line: string) => void;
interface Common {
  rootDir?: string;
  log?: Log;
  env?: NodeJS.ProcessEnv;
}
export class Neo4jSetupError extends Error {}
export function resolveNeo4jConfig(options?: { rootDir?: string; env?: NodeJS.ProcessEnv }): Neo4jConfig;
export function ensureLauncherBuilt(options?: Common): Promise<{ java: string; classpath: string; built: boolean }>;
export function ensureNeo4j(
  options?: Common & { timeoutMs?: number },
): Promise<Neo4jConfig & { startedHere: boolean; pid?: number; bolt?: string }>;
export function stopNeo4j(
  options?: Common & { timeoutMs?: number },
): Promise<{ wasRunning: boolean; pid?: number; forced?: boolean; external: boolean }>;
export function neo4jStatus(options?: {
  rootDir?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<{ running: boolean; pid?: number; uri: string; external: boolean; bolt?: string; home?: string }>;
export function wipeNeo4jData(options?: {
  rootDir?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<{ removed: boolean; dir: string }>;
