import { readFile } from "node:fs/promises";
import { AgentProfileSchema } from "@attune/agents";
import { AttuneError, IdSchema } from "@attune/model";
import { z } from "zod";

/** One agent of a team file: its profile and, optionally, extra system-prompt lines. */
export const TeamFileAgentSchema = AgentProfileSchema.extend({
  // Agent ids become actor ids in the graph.
  id: IdSchema,
  instructions: z.string().max(4000).optional(),
}).strict();
export type TeamFileAgent = z.infer<typeof TeamFileAgentSchema>;

const TeamFileSchema = z
  .array(TeamFileAgentSchema)
  .min(1, "a team needs at least one agent")
  .max(50)
  .refine((agents) => new Set(agents.map((a) => a.id)).size === agents.length, "agent ids must be unique");

/**
 * Reads the team file `ATTUNE_AGENTS` names: a JSON array of `{ id, name, role, skills?, instructions? }`,
 * the first agent leading. Anything unreadable or invalid is a `config-invalid` error naming the file.
 *
 * @example
 * // team.json: [{ "id": "tutor", "name": "Tess", "role": "explains ML", "skills": ["fine-tuning"] }, …]
 * const agents = (await readTeamFile({ path: "team.json" })).map((a) => ({ ...a, model }));
 */
export async function readTeamFile(options: { path: string }): Promise<TeamFileAgent[]> {
  const fail = (why: string, cause?: unknown) =>
    new AttuneError({
      code: "config-invalid",
      message: `invalid setting ATTUNE_AGENTS: ${options.path}: ${why}`,
      ...(cause === undefined ? {} : { cause }),
    });
  let json: unknown;
  try {
    json = JSON.parse(await readFile(options.path, "utf8"));
  } catch (error) {
    throw fail((error as Error).message, error);
  }
  const parsed = TeamFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`${issue?.path.join(".") || "(file)"}: ${issue?.message ?? "invalid"}`, parsed.error);
  }
  return parsed.data;
}
