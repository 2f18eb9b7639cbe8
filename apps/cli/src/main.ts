import { AttuneError } from "@attune/model";
import { chatCommand } from "./commands/chat.js";
import { mindCommand } from "./commands/mind.js";
import { queryCommand } from "./commands/query.js";
import { dbCommand, modelCommand } from "./commands/services.js";
import { tokenCommand } from "./commands/token.js";

const HELP = `attune — command line for an Attune server

  attune chat   [--url U] [--workspace W --person P | --token T] [--channel C] [--show-plan]
  attune token  --workspace W --person P [--name N] [--expires 30d]
  attune db     start | stop | status | wipe
  attune model  pull [--force] | path | verify
  attune mind   eval --in F.jsonl [--out G.jsonl] [--per-turn]
  attune query  <kind> [--field value …] [--json]   (kinds: people, person-model, who-can-help, team-sync, path, cypher, …)
`;

const out = (text: string) => process.stdout.write(text.endsWith("\n") || text.length === 0 ? text : `${text}\n`);
const stream = (text: string) => process.stdout.write(text);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "chat":
      return chatCommand(rest, stream, err);
    case "token":
      return tokenCommand(rest, out);
    case "db":
      return dbCommand(rest, out);
    case "model":
      return modelCommand(rest, out);
    case "mind":
      return mindCommand(rest, err);
    case "query":
      return queryCommand(rest, out);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      out(HELP);
      return;
    default:
      throw new AttuneError({ code: "invalid-payload", message: `unknown command ${command}\n\n${HELP}` });
  }
}

main(process.argv.slice(2)).then(
  () => {
    // Open handles (sockets, drivers) must not keep a finished command alive.
    setImmediate(() => process.exit(process.exitCode ?? 0));
  },
  (error: unknown) => {
    err(AttuneError.is(error) ? `error ${error.code}: ${error.message}` : `error: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
