import { loadConfig, resolveSecret } from "@attune/config";
import { signToken } from "@attune/realtime";
import { parseFlags, required } from "../args.js";

const USAGE = "attune token --workspace W --person P [--name N] [--expires 30d]";

/** Prints a signed access token for a person in a workspace. */
export async function tokenCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseFlags(
    argv,
    {
      workspace: { type: "string" },
      person: { type: "string" },
      name: { type: "string" },
      expires: { type: "string" },
    },
    USAGE,
  );
  const config = loadConfig();
  const secret = await resolveSecret({ dataDir: config.dataDir, secret: config.secret });
  const token = await signToken({
    secret,
    claims: {
      workspaceId: required(values.workspace, "workspace", USAGE),
      personId: required(values.person, "person", USAGE),
      ...(values.name ? { name: values.name } : {}),
    },
    ...(values.expires ? { expiresIn: values.expires } : {}),
  });
  out(token);
}
