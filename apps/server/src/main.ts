import { createChatModel, createCheckpointer, disposeLocalModels, loadLocalModel } from "@attune/agents";
import { loadConfig, resolveSecret } from "@attune/config";
import { ensureVectorIndexes, openGraphStore } from "@attune/graph";
import { AttuneError } from "@attune/model";
// Plain-Node helper shared with `pnpm db:*`: starts the embedded Neo4j unless NEO4J_URI is set.
import { ensureNeo4j, stopNeo4j } from "../../../scripts/lib/neo4j.mjs";
import { createAttuneServer } from "./create-server.js";
import { readTeamFile } from "./team-file.js";

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`[attune] ${line}`);

async function main() {
  const config = loadConfig();
  // Neo4j (a JVM) and the model load independently: start both at once.
  const neo4jReady = ensureNeo4j({ rootDir: config.rootDir, log: (line: string) => log(`neo4j: ${line}`) }).then(
    (info) => {
      log(`neo4j ready at ${info.uri} (${elapsed()})`);
      return info;
    },
  );
  const modelReady = (async () => {
    const chatModel = await createChatModel({
      provider: config.llm.provider,
      modelPath: config.llm.modelPath,
      maxTokens: config.llm.maxTokens,
      ...(config.llm.model ? { model: config.llm.model } : {}),
    });
    if (config.llm.provider === "local") {
      await loadLocalModel({ modelPath: config.llm.modelPath });
      log(`local model loaded from ${config.llm.modelPath} (${elapsed()})`);
    }
    return chatModel;
  })();
  const [neo4j, model] = await Promise.all([neo4jReady, modelReady]);
  const store = await openGraphStore({ ...neo4j, database: config.neo4j.database });
  await ensureVectorIndexes({ connection: store.connection, dimensions: config.embeddingDimensions });

  const secret = await resolveSecret({ dataDir: config.dataDir, secret: config.secret });
  // Turn threads (paused approvals, turns cut short by a restart) resume from here.
  const checkpointer = await createCheckpointer({
    kind: config.checkpointer.kind,
    path: config.checkpointer.path,
    ...(config.checkpointer.postgresUrl ? { url: config.checkpointer.postgresUrl } : {}),
  });
  log(`checkpoints: ${checkpointer.kind} at ${checkpointer.location}`);
  // A team file (ATTUNE_AGENTS) puts a team of agents, all on the configured model, in place of the
  // shared assistant; it is read before anything listens, so a bad file stops the start.
  const agents = config.agentsPath
    ? (await readTeamFile({ path: config.agentsPath })).map(({ instructions, ...agent }) => ({
        ...agent,
        model,
        ...(instructions === undefined ? {} : { instructions }),
      }))
    : undefined;
  if (agents) log(`team: ${agents.map((a) => `${a.name} (${a.id})`).join(", ")} from ${config.agentsPath}`);
  const server = createAttuneServer({
    store,
    model,
    secret,
    checkpointer,
    ...(agents ? { agents } : {}),
    keepCheckpoints: config.checkpointer.keep,
    describe: { model: { provider: config.llm.provider }, checkpointer: { kind: checkpointer.kind } },
  });
  const { url } = await server.listen({ port: config.port, host: config.host });
  log(`ready on ${url} (port ${new URL(url).port}) in ${elapsed()}`);
  log(`try: pnpm attune chat --workspace demo --person you`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    // Running turns finish (and checkpoint) before the checkpointer closes.
    await server.close();
    await checkpointer.close();
    await store.close();
    await disposeLocalModels();
    if (neo4j.startedHere && !process.env.ATTUNE_KEEP_NEO4J)
      await stopNeo4j({ rootDir: config.rootDir, log: () => {} });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(
    AttuneError.is(error)
      ? `[attune] cannot start: ${error.code}: ${error.message}`
      : `[attune] cannot start: ${(error as Error).stack}`,
  );
  process.exit(1);
});
