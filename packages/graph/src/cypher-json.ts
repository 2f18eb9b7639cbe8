import {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
  isUnboundRelationship,
  isVector,
} from "neo4j-driver";

/** A value as it leaves the guard: JSON-serializable, with no driver classes left in it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const propertiesOf = (properties: Record<string, unknown>): Record<string, JsonValue> =>
  Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJsonValue(v)]));

/**
 * Converts one value from a driver record to plain JSON: nodes → `{labels, properties}`,
 * relationships → `{type, properties}`, paths → `{nodes, relationships}`, temporal values → their
 * ISO-8601 text, integers → numbers (text beyond ±2^53, which JSON numbers cannot hold exactly),
 * points → `{srid, x, y[, z]}`, bytes → base64 text.
 *
 * Element ids are dropped on purpose: they are database-internal handles, and a client holding one
 * could only use it for id lookups, which the guard refuses anyway.
 *
 * @example
 * toJsonValue(record.get("p")); // { labels: ["Actor", "Person"], properties: { id: "ada", … } }
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (isNode(value)) return { labels: [...value.labels], properties: propertiesOf(value.properties) };
  if (isRelationship(value) || isUnboundRelationship(value)) {
    return { type: value.type, properties: propertiesOf(value.properties) };
  }
  if (isPath(value)) {
    return {
      nodes: [value.start, ...value.segments.map((s) => s.end)].map(toJsonValue),
      relationships: value.segments.map((s) => toJsonValue(s.relationship)),
    };
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isLocalTime(value) || isTime(value)) {
    return value.toString();
  }
  if (isDuration(value)) return value.toString();
  if (isPoint(value)) {
    const point: Record<string, JsonValue> = { srid: toJsonValue(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) point.z = value.z;
    return point;
  }
  if (isVector(value)) return Array.from(value.asTypedArray() as ArrayLike<number | bigint>, toJsonValue);
  if (value instanceof Uint8Array || value instanceof Int8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object") return propertiesOf(value as Record<string, unknown>);
  return String(value);
}
