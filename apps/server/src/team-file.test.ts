import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTeamFile } from "./team-file.js";

describe("readTeamFile", () => {
  let dir: string;
  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "attune-team-file-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a team, skills defaulting to none", async () => {
    const path = await file(
      "team.json",
      JSON.stringify([
        { id: "tutor", name: "Tess", role: "explains ML", skills: ["fine-tuning"], instructions: "Be warm." },
        { id: "ops", name: "Oz", role: "debugs incidents" },
      ]),
    );
    expect(await readTeamFile({ path })).toEqual([
      { id: "tutor", name: "Tess", role: "explains ML", skills: ["fine-tuning"], instructions: "Be warm." },
      { id: "ops", name: "Oz", role: "debugs incidents", skills: [] },
    ]);
  });

  it.each([
    ["missing.json", undefined, "ENOENT"],
    ["broken.json", "[{", "JSON"],
    ["empty.json", "[]", "at least one agent"],
    [
      "dupes.json",
      JSON.stringify([
        { id: "a", name: "A", role: "r" },
        { id: "a", name: "B", role: "r" },
      ]),
      "unique",
    ],
    ["bad-id.json", JSON.stringify([{ id: "no spaces", name: "A", role: "r" }]), "0.id"],
    ["no-role.json", JSON.stringify([{ id: "a", name: "A" }]), "0.role"],
    ["extra.json", JSON.stringify([{ id: "a", name: "A", role: "r", model: "gpt" }]), "model"],
    ["object.json", JSON.stringify({ agents: [] }), "expected array"],
  ])("rejects %s as config-invalid", async (name, text, why) => {
    const path = text === undefined ? join(dir, name) : await file(name, text);
    const error = await readTeamFile({ path }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "config-invalid", message: expect.stringContaining("ATTUNE_AGENTS") });
    expect((error as Error).message).toContain(why);
  });
});
