import { createInterface } from "node:readline";
import { loadConfig, resolveSecret } from "@attune/config";
import { AttuneError } from "@attune/model";
import { signToken } from "@attune/realtime";
import { connectAttune } from "@attune/realtime/client";
import { parseFlags } from "../args.js";

const USAGE =
  "attune chat [--url http://127.0.0.1:3000] [--token T | --workspace W --person P [--name N]] [--channel general] [--show-plan]";

/**
 * Talks to a running server from the terminal: each input line is a message, the reply streams back.
 * Works interactively and with piped input (one message per line, exits at end of input).
 */
export async function chatCommand(
  argv: string[],
  out: (text: string) => void,
  err: (line: string) => void,
): Promise<void> {
  const { values } = parseFlags(
    argv,
    {
      url: { type: "string" },
      token: { type: "string" },
      workspace: { type: "string" },
      person: { type: "string" },
      name: { type: "string" },
      channel: { type: "string" },
      "show-plan": { type: "boolean" },
    },
    USAGE,
  );
  const config = loadConfig();
  const url = values.url ?? `http://${config.host}:${config.port}`;
  let token = values.token ?? process.env.ATTUNE_TOKEN;
  if (!token) {
    const secret = await resolveSecret({ dataDir: config.dataDir, secret: config.secret });
    token = await signToken({
      secret,
      claims: {
        workspaceId: values.workspace ?? "default",
        personId: values.person ?? ((process.env.USER || "me").replace(/[^A-Za-z0-9_.:@-]/g, "") || "me"),
        ...(values.name ? { name: values.name } : {}),
      },
    });
  }
  const channelId = values.channel ?? "general";
  const client = connectAttune({ url, token });
  try {
    const ready = await client.ready;
    err(`connected to ${url} as ${ready.personId} in ${ready.workspaceId} · channel ${channelId} (Ctrl-D to quit)`);
    const interactive = process.stdin.isTTY === true;
    const rl = createInterface({
      input: process.stdin,
      ...(interactive ? { output: process.stderr, prompt: "> " } : {}),
    });
    if (interactive) rl.prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (text.length > 0) {
        try {
          const { reply } = await client.ask({ channelId, text, onDelta: (d) => out(d) });
          out("\n");
          // With a team, another agent than the lead may answer: say who.
          if (reply.authorId !== ready.assistantId) err(`  answered by ${reply.authorId}`);
          if (values["show-plan"]) {
            const p = reply.plan;
            err(
              `  plan: ${p.length} · ${p.depth} · ${p.structure} · ${p.tone}${p.rationale.length ? ` (${p.rationale.join("; ")})` : ""}`,
            );
          }
        } catch (error) {
          if (!AttuneError.is(error)) throw error;
          err(`error ${error.code}: ${error.message}`);
        }
      }
      if (interactive) rl.prompt();
    }
  } finally {
    client.close();
  }
}
