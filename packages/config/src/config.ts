import { join, resolve } from "node:path";
import { AttuneError } from "@attune/model";
import { z } from "zod";
import { resolveModelPath } from "./model-path.js";
import { findRootDir } from "./root-dir.js";

export const LLM_PROVIDERS = ["local", "openai", "anthropic", "ollama", "fake"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** Where LangGraph checkpoints (paused and in-flight turns) are kept. */
export const CHECKPOINTER_KINDS = ["sqlite", "postgres", "memory"] as const;
export type CheckpointerKind = (typeof CHECKPOINTER_KINDS)[number];

const EnvSchema = z.object({
  ATTUNE_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ATTUNE_HOST: z.string().min(1).default("127.0.0.1"),
  ATTUNE_DATA_DIR: z.string().min(1).optional(),
  ATTUNE_CACHE_DIR: z.string().min(1).optional(),
  XDG_CACHE_HOME: z.string().min(1).optional(),
  ATTUNE_SECRET: z.string().min(16, "ATTUNE_SECRET must be at least 16 characters").optional(),
  ATTUNE_LLM: z.enum(LLM_PROVIDERS).default("local"),
  ATTUNE_LLM_MODEL: z.string().min(1).optional(),
  ATTUNE_MODEL_PATH: z.string().min(1).optional(),
  ATTUNE_MAX_TOKENS: z.coerce.number().int().min(1).max(8192).default(256),
  NEO4J_URI: z.string().min(1).optional(),
  NEO4J_USER: z.string().min(1).default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  ATTUNE_NEO4J_PORT: z.coerce.number().int().min(1).max(65535).default(7687),
  ATTUNE_EMBEDDING_DIMENSIONS: z.coerce.number().int().min(0).max(4096).default(0),
  ATTUNE_AGENTS: z.string().min(1).optional(),
  ATTUNE_CHECKPOINTER: z.enum(CHECKPOINTER_KINDS).default("sqlite"),
  ATTUNE_CHECKPOINT_PATH: z.string().min(1).optional(),
  ATTUNE_CHECKPOINT_KEEP: z
    .union([z.literal("all"), z.coerce.number().int().min(1).max(1_000_000)], {
      error: 'must be "all" or a whole number of checkpoints ≥ 1',
    })
    .default(4),
  ATTUNE_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
});

export interface AttuneConfig {
  rootDir: string;
  dataDir: string;
  port: number;
  host: string;
  /** Set only when `ATTUNE_SECRET` is given; otherwise `resolveSecret` reads or creates one. */
  secret: string | undefined;
  llm: { provider: LlmProvider; model: string | undefined; maxTokens: number; modelPath: string };
  neo4j: { uri: string; user: string; password: string; database: string | undefined; external: boolean };
  /** Length of optional message/topic embeddings; 0 = no vector index. */
  embeddingDimensions: number;
  /**
   * A JSON file describing a team of agents (`[{ id, name, role, skills?, instructions? }]`) that
   * answers in every workspace instead of one shared assistant; undefined = the shared assistant.
   * A relative `ATTUNE_AGENTS` is read from the repository root.
   */
  agentsPath: string | undefined;
  /**
   * The LangGraph checkpointer: SQLite at `path` by default, Postgres at `postgresUrl` when
   * `ATTUNE_CHECKPOINTER=postgres`, or in memory (tests; nothing survives a restart).
   */
  checkpointer: {
    kind: CheckpointerKind;
    path: string;
    postgresUrl: string | undefined;
    /** Newest checkpoints kept per turn thread after each run; `false` keeps them all. */
    keep: number | false;
  };
}

/**
 * Reads Attune's configuration from environment variables (see the README's table).
 *
 * @example
 * const config = loadConfig({ env: { ...process.env, ATTUNE_PORT: "0" } });
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; rootDir?: string } = {}): AttuneConfig {
  const env = options.env ?? process.env;
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttuneError({
      code: "config-invalid",
      message: `invalid setting ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`,
      details: parsed.error.issues,
    });
  }
  const e = parsed.data;
  const rootDir = options.rootDir ?? findRootDir();
  const dataDir = resolve(e.ATTUNE_DATA_DIR ?? join(rootDir, ".attune"));
  const external = e.NEO4J_URI !== undefined;
  if (e.ATTUNE_CHECKPOINTER === "postgres" && e.ATTUNE_POSTGRES_URL === undefined) {
    throw new AttuneError({
      code: "config-invalid",
      message: "invalid setting ATTUNE_POSTGRES_URL: required when ATTUNE_CHECKPOINTER=postgres",
    });
  }
  return {
    rootDir,
    dataDir,
    port: e.ATTUNE_PORT,
    host: e.ATTUNE_HOST,
    secret: e.ATTUNE_SECRET,
    llm: {
      provider: e.ATTUNE_LLM,
      model: e.ATTUNE_LLM_MODEL,
      maxTokens: e.ATTUNE_MAX_TOKENS,
      modelPath: resolveModelPath({ env }),
    },
    neo4j: {
      uri: e.NEO4J_URI ?? `bolt://127.0.0.1:${e.ATTUNE_NEO4J_PORT}`,
      user: e.NEO4J_USER,
      // The embedded launcher runs without auth on loopback; the driver still sends basic auth.
      password: e.NEO4J_PASSWORD ?? (external ? "" : "attune-local"),
      database: e.NEO4J_DATABASE,
      external,
    },
    embeddingDimensions: e.ATTUNE_EMBEDDING_DIMENSIONS,
    agentsPath: e.ATTUNE_AGENTS === undefined ? undefined : resolve(rootDir, e.ATTUNE_AGENTS),
    checkpointer: {
      kind: e.ATTUNE_CHECKPOINTER,
      path: resolve(e.ATTUNE_CHECKPOINT_PATH ?? join(dataDir, "checkpoints.sqlite")),
      postgresUrl: e.ATTUNE_POSTGRES_URL,
      keep: e.ATTUNE_CHECKPOINT_KEEP === "all" ? false : e.ATTUNE_CHECKPOINT_KEEP,
    },
  };
}
