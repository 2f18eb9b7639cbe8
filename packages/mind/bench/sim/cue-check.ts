/** Cue recall on the design population: which annotated cues the engine's perception picks up. */
import { createMind, perceive } from "../../src/index.js";
import { samplePopulation } from "./profile.js";
import { SimulatedUser } from "./simulator.js";

const people = samplePopulation(1, 120);
const stats: Record<string, { hit: number; n: number; miss: string[] }> = {};
const note = (k: string, hit: boolean, text: string) => {
  stats[k] ??= { hit: 0, n: 0, miss: [] };
  const s = stats[k];
  s.n++;
  if (hit) s.hit++;
  else if (s.miss.length < 6) s.miss.push(text.replace(/\n/g, " ⏎ ").slice(0, 220));
};
const topicMap: Record<string, Record<string, number>> = {};
for (const [i, profile] of people.entries()) {
  const user = new SimulatedUser(profile, 1000 + i, 30);
  const mind = createMind({ workspaceId: "sim", observerId: "assistant", subjectId: profile.id });
  for (let t = 1; t <= 30; t++) {
    const turn = user.nextTurn();
    user.truth();
    mind.observe({ messageId: turn.messageId, speakerId: turn.speakerId, text: turn.text, at: turn.at });
    user.respond(mind.plan());
    const p = perceive(turn.text);
    const sig = (dim: string, key: string) =>
      p.signals.some((s) => s.dimension === dim && s.key === key && s.weight > 0);
    if (p.claim && !turn.cues.some((c) => c.kind === "claim")) note("claim false-positive", false, turn.text);
    else if (!turn.cues.some((c) => c.kind === "claim")) note("claim false-positive", true, turn.text);
    for (const c of turn.cues) {
      if (c.kind === "state")
        note(`state ${c.state} ${c.explicit ? "explicit" : "hint"}`, sig("state", c.state), turn.text);
      else if (c.kind === "intent") note(`intent ${c.intent}`, sig("intent", c.intent), turn.text);
      else if (c.kind === "reaction")
        note(
          `reaction ${c.dim}`,
          p.feedback.some((f) => f.target === c.dim || (c.dim === "ask" && f.target === "ask")),
          turn.text,
        );
      else if (c.kind === "directive")
        note(
          `directive ${c.dim} ${c.scope}`,
          p.directives.some((d) => d.target === c.dim),
          turn.text,
        );
      else if (c.kind === "claim") note("claim", p.claim, turn.text);
      else if (c.kind === "knowledge" || c.kind === "background") {
        topicMap[c.topic] ??= {};
        const m = topicMap[c.topic] as Record<string, number>;
        for (const k of p.topics.keys()) m[k] = (m[k] ?? 0) + 1;
        const vals = p.signals
          .filter((s) => s.dimension === "knowledge")
          .map((s) => `${s.key}:${(s.value ?? s.weight).toFixed(2)}`);
        const label = c.kind === "knowledge" ? `knowledge ${c.tier}` : `background ${c.level}`;
        note(`${label} any-signal`, vals.length > 0, `${turn.text}  ⇒ ${vals.join(",")}`);
      }
    }
  }
}
for (const [k, s] of Object.entries(stats).sort()) {
  console.log(`${k}: ${(s.hit / s.n).toFixed(2)} of ${s.n}`);
  if (process.env.MISS) for (const m of s.miss) console.log(`    ✗ ${m}`);
}
if (process.env.TOPICS)
  for (const [t, m] of Object.entries(topicMap))
    console.log(
      t,
      JSON.stringify(
        Object.entries(m)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4),
      ),
    );
