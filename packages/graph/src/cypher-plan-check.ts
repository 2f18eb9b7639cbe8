import { type CypherGuardReason, cypherGuardError } from "./cypher-guard-error.js";

/** The part of a driver `Plan` the check reads (what `EXPLAIN` returns in the result summary). */
export interface PlanNode {
  operatorType: string;
  identifiers: string[];
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** The parameter the guard binds to the caller's workspace; nothing else counts as a workspace pin. */
export const WORKSPACE_PARAM = "workspaceId";

/**
 * Operators that only reshape rows or follow relationships from nodes already bound. They read nothing
 * the rows did not lead them to, so they cannot widen what a query sees. Everything not listed here
 * (writes, `ProcedureCall`, `LoadCSV`, schema and admin operators, and any operator a later Neo4j adds)
 * is refused: the check denies by default.
 */
const ROW_OPERATORS = new Set([
  "ProduceResults",
  "Filter",
  "Projection",
  "CacheProperties",
  "Expand(All)",
  "Expand(Into)",
  "OptionalExpand(All)",
  "OptionalExpand(Into)",
  "VarLengthExpand(All)",
  "VarLengthExpand(Into)",
  "VarLengthExpand(Pruning)",
  "BFSPruningVarLengthExpand(All)",
  "BFSPruningVarLengthExpand(Into)",
  "ShortestPath",
  "StatefulShortestPath(All)",
  "StatefulShortestPath(Into)",
  "Trail",
  "Repeat(Trail)",
  "Repeat(Walk)",
  "NullifyMetadata",
  "ProjectEndpoints",
  "TriadicSelection",
  "TriadicBuild",
  "TriadicFilter",
  "Apply",
  "SemiApply",
  "AntiSemiApply",
  "LetSemiApply",
  "LetAntiSemiApply",
  "SelectOrSemiApply",
  "SelectOrAntiSemiApply",
  "LetSelectOrSemiApply",
  "LetSelectOrAntiSemiApply",
  "RollUpApply",
  "ConditionalApply",
  "AntiConditionalApply",
  "Optional",
  "Anti",
  "CartesianProduct",
  "Union",
  "OrderedUnion",
  "Distinct",
  "OrderedDistinct",
  "EagerAggregation",
  "OrderedAggregation",
  "Sort",
  "PartialSort",
  "Top",
  "Top1WithTies",
  "PartialTop",
  "Limit",
  "ExhaustiveLimit",
  "Skip",
  "Unwind",
  "Eager",
  "NodeHashJoin",
  "NodeLeftOuterHashJoin",
  "NodeRightOuterHashJoin",
  "ValueHashJoin",
  "AssertSameNode",
  "AssertSameRelationship",
  "EmptyResult",
  "Argument",
]);

/** Leaves that introduce nodes already restricted to one workspace when their seek pins it. */
const NODE_SEEKS = new Set([
  "NodeIndexSeek",
  "NodeUniqueIndexSeek",
  "NodeIndexSeekByRange",
  "NodeUniqueIndexSeekByRange",
]);

/** Leaves that can introduce any tenant's entities; allowed only when a filter right above pins them. */
const SCANS = new Set([
  ...NODE_SEEKS,
  "AllNodesScan",
  "NodeByLabelScan",
  "UnionNodeByLabelsScan",
  "IntersectionNodeByLabelsScan",
  "SubtractionNodeByLabelsScan",
  "NodeIndexScan",
  "NodeIndexContainsScan",
  "NodeIndexEndsWithScan",
  "NodeByIdSeek",
  "NodeByElementIdSeek",
  ...["Directed", "Undirected"].flatMap((d) =>
    [
      "RelationshipTypeScan",
      "UnionRelationshipTypesScan",
      "AllRelationshipsScan",
      "RelationshipByIdSeek",
      "RelationshipByElementIdSeek",
      "RelationshipIndexSeek",
      "RelationshipUniqueIndexSeek",
      "RelationshipIndexSeekByRange",
      "RelationshipIndexScan",
      "RelationshipIndexContainsScan",
      "RelationshipIndexEndsWithScan",
    ].map((op) => `${d}${op}`),
  ),
]);

/** Operators that answer from the database-wide count store: they count every tenant at once. */
const COUNT_STORE = new Set(["NodeCountFromCountStore", "RelationshipCountFromCountStore"]);

/** Operators allowed between a scan and the filter that pins it (they cannot fail or emit anything). */
const PIN_PATH = new Set(["Filter", "CacheProperties", "Expand(All)", "Expand(Into)"]);

const IDENT = "[A-Za-z_][A-Za-z0-9_]*";
const OPERAND = new RegExp(
  String.raw`^(?:\$${IDENT}|${IDENT}(?:\.${IDENT})?|cache\[${IDENT}\.${IDENT}\]|-?[0-9][0-9.eE+-]*|true|false|null)$`,
);
const BINARY = /^(.+?)\s+(=|<>|<|>|<=|>=|STARTS WITH|ENDS WITH|CONTAINS|IN)\s+(.+)$/;
const LABEL_TEST = new RegExp(`^${IDENT}:[A-Za-z0-9_:|&!%()]+$`);
const PIN = new RegExp(
  String.raw`^(?:cache\[(${IDENT})\.workspaceId\]|(${IDENT})\.workspaceId) = \$${WORKSPACE_PARAM}$|^\$${WORKSPACE_PARAM} = (?:cache\[(${IDENT})\.workspaceId\]|(${IDENT})\.workspaceId)$`,
);
const SIMPLE_REL = new RegExp(String.raw`^\((${IDENT})\)<?-\[(${IDENT})(?::[A-Za-z0-9_|]+)?\]->?\((${IDENT})\)$`);
/** A subquery expression Neo4j evaluates as a nested plan, which is not part of the operator tree. */
const NESTED_SUBQUERY = /\bMATCH\b|\b(?:EXISTS|COUNT|COLLECT)\s*\{/i;

const refuse = (reason: CypherGuardReason, message: string, extra: Record<string, unknown> = {}) =>
  cypherGuardError("forbidden", reason, message, extra);

/** `Expand(All)@neo4j` → `Expand(All)`. */
const operatorName = (node: PlanNode) => node.operatorType.replace(/@.*$/, "");

/**
 * Neo4j quotes generated names with backticks (`anon_0`, `count(p)`). Queries cannot contain
 * backticks (the text check refuses them), so every quoted name here was written by Neo4j: simple ones
 * are unquoted, others become an opaque identifier so they can never read as an expression.
 */
const detailsOf = (node: PlanNode): string =>
  String(node.arguments.Details ?? "")
    .replace(/`([A-Za-z_][A-Za-z0-9_]*)`/g, "$1")
    .replace(/`[^`]*`/g, "quoted_name")
    .trim();

/** Splits on a top-level keyword (` AND `, ` OR `, `, `), ignoring anything inside brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + separator.length;
      i = start - 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** Removes parentheses wrapping the whole text, e.g. `(a AND b)` → `a AND b`. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith("(") && t.endsWith(")")) {
    let depth = 0;
    let wrapsAll = true;
    for (let i = 0; i < t.length; i++) {
      if (t.charAt(i) === "(") depth++;
      else if (t.charAt(i) === ")") depth--;
      if (depth === 0 && i < t.length - 1) {
        wrapsAll = false;
        break;
      }
    }
    if (!wrapsAll) break;
    t = t.slice(1, -1).trim();
  }
  return t;
}

/**
 * The top-level conjuncts of a predicate, flattening nested `AND` groups, in evaluation order. `OR`
 * and `XOR` bind more loosely than `AND`, so a predicate with either at top level is one conjunct.
 */
export function conjuncts(predicate: string): string[] {
  const whole = unwrap(predicate);
  if (splitTopLevel(whole, " OR ").length > 1 || splitTopLevel(whole, " XOR ").length > 1) return [whole];
  return splitTopLevel(whole, " AND ").flatMap((part) => {
    const inner = unwrap(part);
    return inner !== part.trim() && splitTopLevel(inner, " AND ").length > 1 ? conjuncts(inner) : [part.trim()];
  });
}

function isOperand(text: string): boolean {
  const t = text.trim();
  if (t.startsWith("[") && t.endsWith("]")) {
    const inner = t.slice(1, -1).trim();
    return inner === "" || splitTopLevel(inner, ", ").every(isOperand);
  }
  return OPERAND.test(t);
}

/**
 * True for a predicate that cannot fail whatever the node it is evaluated on: label tests, null tests
 * and comparisons between properties, variables, parameters and constants (mismatched types compare
 * to null in Cypher, they do not raise). Anything else (arithmetic, functions, subqueries) might raise
 * on some other tenant's values, and an error versus no error would leak one bit about them.
 */
export function isSafePredicate(predicate: string): boolean {
  const t = unwrap(predicate);
  for (const separator of [" AND ", " OR "]) {
    const parts = splitTopLevel(t, separator);
    if (parts.length > 1) return parts.every(isSafePredicate);
  }
  if (t.startsWith("NOT ")) return isSafePredicate(t.slice(4));
  if (LABEL_TEST.test(t)) return true;
  const nullTest = /^(.+?) IS (?:NOT )?NULL$/.exec(t);
  if (nullTest) return isOperand(nullTest[1] as string);
  const binary = BINARY.exec(t);
  if (!binary) return false;
  const [, left, operator, right] = binary as unknown as [string, string, string, string];
  // `x IN $p` raises when $p is not a list, on whichever row comes first: only literal lists here.
  if (operator === "IN" && !right.trim().startsWith("[")) return false;
  return isOperand(left) && isOperand(right);
}

/** The variable a conjunct pins to the caller's workspace (`v.workspaceId = $workspaceId`), if any. */
export function pinnedVariable(conjunct: string): string | undefined {
  const m = PIN.exec(unwrap(conjunct));
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
}

/** True when an index seek's predicate contains the conjunct `workspaceId = $workspaceId`. */
function seekIsPinned(details: string): boolean {
  const m =
    /^(?:(?:RANGE|TEXT|POINT)\s+INDEX|UNIQUE)\s+[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*\([^)]*\)\s+WHERE\s+(.*?)(?:,\s*cache\[.*)?$/s.exec(
      details,
    );
  return m !== null && conjuncts(m[1] as string).some((c) => c === `workspaceId = $${WORKSPACE_PARAM}`);
}

/** The entity variables a scan or seek introduces, read from its details; undefined if unreadable. */
function introducedVariables(name: string, details: string): string[] | undefined {
  const rel = /\((\w+)\)<?-\[(\w+)[^\]]*\]->?\((\w+)\)/.exec(details);
  if (name.startsWith("Directed") || name.startsWith("Undirected")) return rel ? rel.slice(1, 4) : undefined;
  const indexed = /^(?:(?:RANGE|TEXT|POINT)\s+INDEX|UNIQUE)\s+(\w+):/.exec(details);
  if (indexed) return [indexed[1] as string];
  const labelled = /^(\w+)(?::|\s+WHERE\s|$)/.exec(details);
  return labelled ? [labelled[1] as string] : undefined;
}

/**
 * Follows a scan up its chain of parents until a filter pins one of the rows' entities to the
 * caller's workspace. Rows from other tenants reach that filter, so every predicate evaluated on them
 * before the pin must be safe; after the pin (Neo4j evaluates a filter's conjuncts in the printed order
 * and stops at the first false) they only ever see the caller's rows.
 */
function pinnedAbove(variables: string[], ancestors: PlanNode[]): boolean {
  const connected = new Set(variables);
  for (const node of ancestors) {
    const name = operatorName(node);
    if (!PIN_PATH.has(name)) return false;
    const details = detailsOf(node);
    if (name === "Filter") {
      for (const conjunct of conjuncts(details)) {
        const pinned = pinnedVariable(conjunct);
        if (pinned !== undefined && connected.has(pinned)) return true;
        if (!isSafePredicate(conjunct)) return false;
      }
    } else if (name.startsWith("Expand")) {
      // No relationship crosses workspaces (graph-schema invariant 2), so pinning either end pins both.
      const rel = SIMPLE_REL.exec(details);
      if (!rel) return false;
      const [, from, relVar, to] = rel as unknown as [string, string, string, string];
      if (connected.has(from) || connected.has(to)) for (const v of [from, relVar, to]) connected.add(v);
    }
  }
  return false;
}

/**
 * Proves from the plan of `EXPLAIN <query>` that the query reads only the caller's workspace, or throws.
 *
 * Every leaf that introduces nodes or relationships must be an index seek on `workspaceId =
 * $workspaceId`, or a scan/seek whose rows meet a filter pinning one of its entities to
 * `$workspaceId` (through safe filters and expansions only). Since no relationship crosses workspaces,
 * everything reached from a pinned entity is the caller's too. The result of a query is the same
 * whatever plan Neo4j picks, so a plan that is confined proves the query's rows are.
 *
 * Also refused: any query type but read-only, count-store reads (database-wide counts), operators
 * outside the known row-shaping set (procedure calls, LOAD CSV, writes, anything new), and subquery
 * expressions that Neo4j runs as nested plans hidden inside an operator's expression.
 *
 * @throws AttuneError `forbidden` with `details.reason` and `details.operator`
 */
export function checkPlanConfinement(options: { plan: PlanNode; queryType: string | undefined }): void {
  if (options.queryType !== "r") {
    throw refuse("not-read-only", `only read queries are allowed (query type ${options.queryType ?? "unknown"})`, {
      queryType: options.queryType,
    });
  }
  const visit = (node: PlanNode, ancestors: PlanNode[]) => {
    const name = operatorName(node);
    const details = detailsOf(node);
    const where = { operator: name, details };
    if (COUNT_STORE.has(name)) {
      throw refuse("count-store", "counting from the count store counts every workspace", where);
    }
    if (name === "ProcedureCall" || name.startsWith("ProcedureCall")) {
      throw refuse("procedure-call", "procedure calls are not allowed", where);
    }
    if (name === "LoadCSV") throw refuse("load-csv", "LOAD CSV is not allowed", where);
    if (/(?:\.\.\.|…)$/.test(details)) {
      throw refuse("unparsable-plan", `the plan text of ${name} looks truncated`, where);
    }
    // Any expression argument could carry a nested plan; `Order` only restates a sort Neo4j plans
    // as its own operators, so it is left out (it would refuse `ORDER BY COUNT { … }` for nothing).
    const expressions = Object.entries(node.arguments)
      .filter(([key, value]) => key !== "Order" && typeof value === "string")
      .map(([, value]) => String(value).replace(/`[^`]*`/g, "quoted_name"));
    if (expressions.some((text) => NESTED_SUBQUERY.test(text))) {
      throw refuse(
        "nested-subquery",
        "a subquery inside an expression (list comprehension, CASE, reduce, …) cannot be checked; use CALL { … } or OPTIONAL MATCH",
        where,
      );
    }
    if (SCANS.has(name)) {
      if (node.children.length > 0) throw refuse("unparsable-plan", `unexpected children under ${name}`, where);
      if (NODE_SEEKS.has(name) && seekIsPinned(details)) return;
      const variables = introducedVariables(name, details);
      const known = new Set(node.identifiers.map((v) => v.replace(/^`(.*)`$/, "$1")));
      if (!variables?.every((v) => known.has(v)))
        throw refuse("unparsable-plan", `cannot read what ${name} introduces`, where);
      if (pinnedAbove(variables, ancestors)) return;
      throw refuse(
        "unconfined-read",
        `${name} reads ${variables.join(", ")} without restricting to $${WORKSPACE_PARAM}: match with a label and {workspaceId: $${WORKSPACE_PARAM}}, or start from a node that has one`,
        { ...where, variables },
      );
    }
    if (!ROW_OPERATORS.has(name)) {
      throw refuse("unsupported-operator", `operator ${name} is not allowed in read-only Cypher`, where);
    }
    for (const child of node.children) visit(child, [node, ...ancestors]);
  };
  visit(options.plan, []);
}
