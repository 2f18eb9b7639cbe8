import { type CypherGuardReason, cypherGuardError } from "./cypher-guard-error.js";

/** Longest query text accepted, in characters (the same bound as `CypherQuerySchema` in `@attune/model`). */
export const MAX_CYPHER_LENGTH = 10_000;

interface Token {
  kind: "word" | "param" | "number" | "string" | "quoted" | "punct";
  text: string;
  /** Offset in the query text. */
  at: number;
}

/**
 * Clause keywords that are never allowed, by the rule they break. Matching is on words in code
 * position only (not after `.`/`:`/`$`, not as a map key), so a property or label that happens to be
 * called `set` is not a clause.
 */
const FORBIDDEN_WORDS: Record<string, CypherGuardReason> = {
  CREATE: "write-clause",
  MERGE: "write-clause",
  SET: "write-clause",
  DELETE: "write-clause",
  DETACH: "write-clause",
  NODETACH: "write-clause",
  REMOVE: "write-clause",
  FOREACH: "write-clause",
  INSERT: "write-clause",
  LOAD: "load-csv",
  USE: "database-selection",
  SHOW: "show-command",
  DROP: "admin-command",
  ALTER: "admin-command",
  GRANT: "admin-command",
  DENY: "admin-command",
  REVOKE: "admin-command",
  START: "admin-command",
  STOP: "admin-command",
  TERMINATE: "admin-command",
  ENABLE: "admin-command",
  RENAME: "admin-command",
  // Query options would change how the statement is planned or executed behind the guard's back
  // (e.g. our own EXPLAIN prefix, or a runtime/planner switch between the checked plan and the run).
  EXPLAIN: "query-option",
  PROFILE: "query-option",
  CYPHER: "query-option",
  // `CALL { … } IN TRANSACTIONS` commits on its own and cannot run inside the guard's transaction.
  TRANSACTIONS: "in-transactions",
};

/**
 * Namespaced functions that are part of Cypher itself and read nothing but their arguments. Every
 * other namespace (`apoc.`, `db.`, `gds.`, `dbms.`, `graph.` and any plugin's) is refused: plugin
 * functions can read or write anything, and `db.*`/`graph.*` describe the whole database.
 */
const ALLOWED_FUNCTION_NAMESPACES = new Set([
  "date",
  "datetime",
  "localdatetime",
  "localtime",
  "time",
  "duration",
  "point",
  "vector",
]);

// Every character Neo4j might treat as the end of a `//` comment. Ending a comment too early only
// makes us check more text; ending it later than Neo4j would hide code from the checks.
const LINE_END = new Set(["\n", "\r", "\v", "\f", "\u0085", "\u2028", "\u2029"]);
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_]/u;

/**
 * Where a number literal starting at `i` ends. Exact on purpose: Neo4j reads `LIMIT 1CREATE` as `1`
 * then `CREATE`, so a lexer that swallowed letters into the number would hide the keyword.
 */
function numberEnd(query: string, start: number): number {
  const at = (k: number) => query.charAt(k);
  const run = (k: number, digits: RegExp) => {
    let j = k;
    while (j < query.length && digits.test(at(j))) j++;
    return j;
  };
  if (/^0[xX][0-9a-fA-F]/.test(query.slice(start, start + 3))) return run(start + 2, /[0-9a-fA-F_]/);
  if (/^0o[0-7]/.test(query.slice(start, start + 3))) return run(start + 2, /[0-7_]/);
  let i = run(start, /[0-9_]/);
  if (at(i) === "." && /[0-9]/.test(at(i + 1))) i = run(i + 1, /[0-9_]/);
  if (/[eE]/.test(at(i)) && (/[0-9]/.test(at(i + 1)) || (/[+-]/.test(at(i + 1)) && /[0-9]/.test(at(i + 2))))) {
    i = run(i + 2, /[0-9_]/);
  }
  return i;
}

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (what: string, at: number) =>
    cypherGuardError("invalid-payload", "unparsable-query", `${what} at offset ${at}`, { offset: at });
  while (i < query.length) {
    const ch = query.charAt(i);
    if (/\s/u.test(ch)) {
      i++;
    } else if (query.startsWith("//", i)) {
      while (i < query.length && !LINE_END.has(query.charAt(i))) i++;
    } else if (query.startsWith("/*", i)) {
      // Cypher block comments do not nest; treating them as nesting could hide code.
      const end = query.indexOf("*/", i + 2);
      if (end < 0) throw fail("unterminated comment", i);
      i = end + 2;
    } else if (ch === "'" || ch === '"') {
      const start = i++;
      while (i < query.length && query.charAt(i) !== ch) i += query.charAt(i) === "\\" ? 2 : 1;
      if (i >= query.length) throw fail("unterminated string", start);
      tokens.push({ kind: "string", text: query.slice(start, ++i), at: start });
    } else if (ch === "`") {
      const end = query.indexOf("`", i + 1);
      if (end < 0) throw fail("unterminated quoted name", i);
      tokens.push({ kind: "quoted", text: query.slice(i, end + 1), at: i });
      i = end + 1;
    } else if (ch === "$") {
      const start = i++;
      if (query.charAt(i) === "`") continue; // the quoted name that follows is refused on its own
      while (i < query.length && WORD_PART.test(query.charAt(i))) i++;
      if (i === start + 1) throw fail("a parameter needs a name", start);
      tokens.push({ kind: "param", text: query.slice(start + 1, i), at: start });
    } else if (/[0-9]/.test(ch)) {
      const start = i;
      i = numberEnd(query, i);
      tokens.push({ kind: "number", text: query.slice(start, i), at: start });
    } else if (WORD_START.test(ch)) {
      const start = i;
      while (i < query.length && WORD_PART.test(query.charAt(i))) i++;
      tokens.push({ kind: "word", text: query.slice(start, i), at: start });
    } else {
      tokens.push({ kind: "punct", text: ch, at: i });
      i++;
    }
  }
  return tokens;
}

/**
 * The guard's first line of defence, on the query text alone (no database): size, lexical sanity and
 * the constructs a confined read-only query never needs. It is deliberately conservative — a false
 * refusal costs a rewrite, a false acceptance would be caught only by the plan check behind it.
 *
 * "Parameters only" is enforced as: no string literals at all (values, and above all workspace ids,
 * arrive as parameters; this also keeps data out of the plan text the confinement check reads) and
 * no quoted names (so no variable can be named to look like a predicate in that plan text). Number,
 * boolean and null literals stay allowed: `LIMIT 10` or `b.mean > 0.5` cannot name a tenant.
 *
 * @returns the text to send (a single trailing `;` removed)
 * @throws AttuneError `payload-too-large`, `invalid-payload` or `forbidden`, with `details.reason`
 */
export function checkCypherText(query: string): string {
  if (query.length > MAX_CYPHER_LENGTH) {
    throw cypherGuardError(
      "payload-too-large",
      "query-too-large",
      `query is ${query.length} characters; the limit is ${MAX_CYPHER_LENGTH}`,
      { limit: MAX_CYPHER_LENGTH, length: query.length },
    );
  }
  const tokens = lex(query);
  let end = tokens.length;
  const semicolon = tokens.findIndex((t) => t.kind === "punct" && t.text === ";");
  if (semicolon >= 0) {
    if (semicolon !== tokens.length - 1) {
      throw cypherGuardError("forbidden", "multiple-statements", "only one statement may be sent", {
        offset: tokens[semicolon]?.at,
      });
    }
    end = semicolon;
  }
  if (end === 0) throw cypherGuardError("invalid-payload", "empty-query", "the query is empty");

  for (let i = 0; i < end; i++) {
    const token = tokens[i] as Token;
    if (token.kind === "string") {
      throw cypherGuardError(
        "forbidden",
        "string-literal",
        "string literals are not allowed: pass values as parameters ($name)",
        { offset: token.at },
      );
    }
    if (token.kind === "quoted") {
      throw cypherGuardError("forbidden", "quoted-identifier", "backtick-quoted names are not allowed", {
        offset: token.at,
      });
    }
    if (token.kind !== "word") continue;
    const before = tokens[i - 1];
    const after = i + 1 < end ? tokens[i + 1] : undefined;
    if (before?.kind === "punct" && (before.text === "." || before.text === ":")) continue;
    const upper = token.text.toUpperCase();

    // `name.name(…)`: a namespaced function (or a procedure, handled with CALL below).
    let j = i;
    while (tokens[j + 1]?.text === "." && tokens[j + 2]?.kind === "word" && j + 2 < end) j += 2;
    if (j > i && tokens[j + 1]?.text === "(") {
      const name = tokens
        .slice(i, j + 1)
        .filter((t) => t.kind === "word")
        .map((t) => t.text)
        .join(".");
      if (!ALLOWED_FUNCTION_NAMESPACES.has(token.text.toLowerCase())) {
        throw cypherGuardError("forbidden", "function-not-allowed", `function ${name}() is not allowed`, {
          function: name,
          offset: token.at,
        });
      }
    }

    if (after?.kind === "punct" && after.text === ":") continue; // a map key, e.g. {set: 1}
    if (upper === "CALL") {
      // `CALL {` and `CALL (vars) {` are subqueries; anything else names a procedure.
      if (after?.kind === "punct" && (after.text === "{" || after.text === "(")) continue;
      throw cypherGuardError("forbidden", "procedure-call", "procedure calls are not allowed", {
        offset: token.at,
      });
    }
    const reason = FORBIDDEN_WORDS[upper];
    if (reason) {
      throw cypherGuardError("forbidden", reason, `${upper} is not allowed in read-only Cypher`, {
        keyword: upper,
        offset: token.at,
      });
    }
  }
  return end === tokens.length ? query : query.slice(0, (tokens[end] as Token).at);
}
