/** Text in a message that reports someone else's words, and whose they are when the message says so. */
export interface RelayedText {
  /** The member named as the speaker, when one was. */
  speaker?: string;
  text: string;
}

const VERBS = "said|says|wrote|writes|asked|asks|mentioned|told me|thinks|posted";
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Marks relayed text in a message as quoted, so the mind engine reads only the author's own words
 * (it already treats `> ` lines, code and quoted "…" as not the author's). Relays it catches:
 * "Bob said: …" (any speaker, anywhere in a line, up to the line's end), "Bob said that …" (for
 * `names` of members, to the line's end) and pasted transcripts (two or more "Bob: …" lines; a single
 * one is the author addressing Bob). Lines already quoted with `> ` stay as they are.
 *
 * @example
 * attributeText({ text: "Bob said: I'm lost with k8s. can you help him?", names: ["Bob"] });
 * // { text: "Bob said:\n> I'm lost with k8s. can you help him?", relayed: [{ speaker: "Bob", … }] }
 */
export function attributeText(options: { text: string; names: readonly string[] }): {
  text: string;
  relayed: RelayedText[];
} {
  const names = options.names.filter((n) => n.trim().length > 1).map(escapeRegExp);
  const known = names.length > 0 ? `(${names.join("|")})` : null;
  const transcript = known ? new RegExp(`^\\s*${known}\\s*:\\s*(\\S.*)$`, "i") : null;
  const relayThat = known ? new RegExp(`^(.*?\\b${known}\\s+(?:${VERBS})\\s+that)\\s+(\\S.*)$`, "i") : null;
  const relayColon = new RegExp(`^(.*?)\\b(${VERBS})\\s*:\\s*(\\S.*)$`, "i");
  const relayed: RelayedText[] = [];
  const speakerIn = (prefix: string) => {
    if (!known) return undefined;
    const found = prefix.match(new RegExp(`\\b${known}\\b`, "gi"));
    const last = found?.at(-1);
    return last === undefined ? undefined : options.names.find((n) => n.toLowerCase() === last.toLowerCase());
  };
  const raw = options.text.split("\n");
  // One "Bob: …" line is the author addressing Bob; several are a pasted transcript.
  const isTranscript = transcript !== null && raw.filter((line) => transcript.test(line)).length >= 2;
  const lines = raw.map((line) => {
    if (/^\s*>/.test(line)) return line;
    const t = isTranscript ? transcript?.exec(line) : null;
    if (t?.[1] && t[2]) {
      const speaker = options.names.find((n) => n.toLowerCase() === t[1]?.toLowerCase());
      relayed.push({ ...(speaker ? { speaker } : {}), text: t[2] });
      return `> ${line.trim()}`;
    }
    const c = relayColon.exec(line);
    if (c && c[3] !== undefined) {
      const head = `${c[1] ?? ""}${c[2]}:`;
      const speaker = speakerIn(c[1] ?? "");
      relayed.push({ ...(speaker ? { speaker } : {}), text: c[3] });
      return `${head}\n> ${c[3]}`;
    }
    const r = relayThat?.exec(line);
    if (r?.[1] && r[3]) {
      const speaker = options.names.find((n) => n.toLowerCase() === r[2]?.toLowerCase());
      relayed.push({ ...(speaker ? { speaker } : {}), text: r[3] });
      return `${r[1]}\n> ${r[3]}`;
    }
    return line;
  });
  return { text: lines.join("\n"), relayed };
}
