/**
 * Builds hostile requests for every operation of an OpenAPI document: NUL bytes and lone
 * surrogates in path parameters, query parameters and JSON strings (values and keys), bad
 * cursors, and wrong types for body fields. Each request starts from a body that follows the
 * operation's schema, so the poison is the only thing wrong with it and reaches as deep into
 * the route as the route lets it.
 */
type Schema = Record<string, any>;
type Operation = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: unknown[];
};
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
export type FuzzRequest = {
  operation: string;
  method: string;
  url: string;
  /** A JSON text (already serialised, so lone surrogates go out as \ud800 escapes). */
  body?: string;
  what: string;
  secured: boolean;
};

const NUL = "a\u0000b";
const SURROGATE = "a\ud800b";
// A lone surrogate has no UTF-8 form; in a URL a client can only send its CESU-8 bytes.
const URL_NUL = "a%00b";
const URL_SURROGATE = "a%ED%A0%80b";
const GARBAGE_ID = "0b9c7c3e-6f0a-4d5e-9b1a-2c3d4e5f6a7b";
const b64 = (text: string) => Buffer.from(text).toString("base64url");
const BAD_CURSORS = [
  b64("garbage{{{"),
  b64(JSON.stringify(["2024-01-01T00:00:00.000000Z", "not-a-uuid"])),
  b64(JSON.stringify(["not a time", GARBAGE_ID])),
  b64(JSON.stringify(["0000-01-01T00:00:00.000Z", GARBAGE_ID])),
  b64(JSON.stringify(["2024-02-30T25:61:00.000Z", GARBAGE_ID])),
  b64(JSON.stringify(["1", GARBAGE_ID])),
  b64(JSON.stringify({ at: 1, id: 2 })),
  "-1",
  "99999999999999999999999",
];

export function fuzzRequests(
  doc: OpenApiDoc,
  /** A real id for a path parameter, or for a uuid field of a body by its name. */
  ids: { param: (path: string, name: string) => string; field: (name: string) => string | undefined },
): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const refs = doc.components?.schemas ?? {};
  const deref = (s: Schema | undefined): Schema => {
    let schema = s ?? {};
    for (let i = 0; i < 10 && typeof schema.$ref === "string"; i++) {
      schema = refs[schema.$ref.replace("#/components/schemas/", "")] ?? {};
    }
    return schema;
  };
  const sample = (s: Schema | undefined, name: string, depth = 0): unknown =>
    sampleOf(deref, ids.field, s, name, depth);

  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const operation = `${method} ${path}`;
      const secured = Boolean(op.security);
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path").map((p) => p.name);
      const query = params.filter((p) => p.in === "query");
      const bodySchema = deref(op.requestBody?.content["application/json"]?.schema);
      const hasBody = Boolean(op.requestBody?.content["application/json"]);
      const baseBody = hasBody ? sample(bodySchema, "body") : undefined;
      const baseJson =
        baseBody === undefined
          ? method === "GET" || method === "DELETE"
            ? undefined
            : "{}"
          : JSON.stringify(baseBody);
      const fill = (overrides: Record<string, string> = {}) =>
        path.replace(
          /\{([^}]+)\}/g,
          (_m, name: string) => overrides[name] ?? encodeURIComponent(ids.param(path, name)),
        );
      const requiredQuery = query
        .filter((q) => q.required)
        .map((q) => `${q.name}=${encodeURIComponent(String(sample(q.schema, q.name)))}`);
      const withQuery = (url: string, extra: string[]) => {
        const all = [
          ...requiredQuery.filter((q) => !extra.some((e) => e.startsWith(`${q.split("=")[0]}=`))),
          ...extra,
        ];
        return all.length > 0 ? `${url}?${all.join("&")}` : url;
      };
      const add = (what: string, url: string, body: string | undefined = baseJson) =>
        out.push({ operation, method, url, body, what, secured });

      for (const name of pathParams) {
        add(`NUL in path parameter ${name}`, withQuery(fill({ [name]: URL_NUL }), []));
        add(`lone surrogate in path parameter ${name}`, withQuery(fill({ [name]: URL_SURROGATE }), []));
      }
      for (const q of query) {
        add(`NUL in query ${q.name}`, withQuery(fill(), [`${q.name}=${URL_NUL}`]));
        add(`lone surrogate in query ${q.name}`, withQuery(fill(), [`${q.name}=${URL_SURROGATE}`]));
        add(`object-like query ${q.name}`, withQuery(fill(), [`${q.name}[a]=1`, `${q.name}=x`]));
        if (q.name === "cursor") {
          for (const c of BAD_CURSORS) add(`bad cursor ${c}`, withQuery(fill(), [`cursor=${c}`]));
        }
      }
      add("NUL in an unknown query parameter", withQuery(fill(), [`zz=${URL_NUL}`]));
      if (!hasBody || baseBody === undefined) continue;

      const url = withQuery(fill(), []);
      for (const leaf of stringLeaves(baseBody)) {
        add(`NUL in ${leaf.join(".") || "body"}`, url, JSON.stringify(setAt(baseBody, leaf, NUL)));
        add(
          `lone surrogate in ${leaf.join(".") || "body"}`,
          url,
          JSON.stringify(setAt(baseBody, leaf, SURROGATE)),
        );
      }
      for (const at of objectPaths(baseBody)) {
        const where = at.join(".") || "body";
        add(`NUL in a key of ${where}`, url, JSON.stringify(setAt(baseBody, [...at, "k\u0000"], "v")));
        add(
          `lone surrogate in a key of ${where}`,
          url,
          JSON.stringify(setAt(baseBody, [...at, "\ud800"], "v")),
        );
      }
      if (isRecord(baseBody)) {
        const props = (bodySchema.properties ?? {}) as Record<string, Schema>;
        for (const [key, s] of Object.entries(props)) {
          for (const wrong of wrongValues(deref(s))) {
            add(`${key} as ${JSON.stringify(wrong)}`, url, JSON.stringify({ ...baseBody, [key]: wrong }));
          }
        }
      }
      for (const whole of ["[]", '"text"', "123", "null", '{"a":{"b":[{"c":"\\u0000"}]}}']) {
        add(`body ${whole}`, url, whole);
      }
    }
  }
  return out;
}

function sampleOf(
  deref: (s: Schema | undefined) => Schema,
  idField: (name: string) => string | undefined,
  raw: Schema | undefined,
  name: string,
  depth: number,
): unknown {
  const again = (s: Schema | undefined, n: string, d: number) => sampleOf(deref, idField, s, n, d);
  const s = deref(raw);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined && typeof s.default !== "object") return s.default;
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) {
    const first = alternatives.map(deref).find((a) => a.type !== "null") ?? {};
    return again(first, name, depth);
  }
  if (s.allOf) return again(s.allOf[0], name, depth);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  switch (type) {
    case "string":
      return s.format === "uuid" ? (idField(name) ?? GARBAGE_ID) : sampleString(s, name);
    case "integer":
    case "number":
      return Math.max(1, s.minimum ?? 1);
    case "boolean":
      return false;
    case "array":
      return depth > 4 ? [] : [again(s.items, name, depth + 1)];
    case "object": {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [key, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        out[key] = again(p, key, depth + 1);
      }
      // A free-form object (a snapshot's data, a fact's value) gets a key of its own.
      if (!s.properties || s.additionalProperties) out.sample = "value";
      return out;
    }
    default:
      return "text";
  }
}

function sampleString(s: Schema, name: string): string {
  if (s.format === "email" || /email/i.test(name)) return "fuzz@example.test";
  if (s.format === "date-time") return new Date().toISOString();
  if (s.format === "uri" || /url/i.test(name)) return "https://example.test/hook";
  const candidates = [
    "text",
    "address",
    "custom.x",
    "+15551234567",
    "x",
    "a-b",
    "1",
    "open",
    "http://e.test/x",
  ];
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const match = candidates.find((c) => re.test(c));
    if (match) return match;
  }
  const min = s.minLength ?? 1;
  return "text".padEnd(min, "x").slice(0, Math.max(min, Math.min(4, s.maxLength ?? 4)));
}

/** A value of another type than the schema's, for each case the route might not expect. */
function wrongValues(s: Schema): unknown[] {
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  switch (type) {
    case "string":
      return [123, { a: 1 }];
    case "integer":
    case "number":
      return ["12", 1e308];
    case "boolean":
      return ["true"];
    case "array":
      return [{ a: 1 }, "text"];
    case "object":
      return [["a"], 1];
    default:
      return [{ a: [1] }];
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function stringLeaves(value: unknown, at: string[] = []): string[][] {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, String(i)]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}

function objectPaths(value: unknown, at: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...at, String(i)]));
  if (!isRecord(value)) return [];
  return [at, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...at, k]))];
}

function setAt(root: unknown, at: string[], leaf: unknown): unknown {
  if (at.length === 0) return leaf;
  const [head, ...rest] = at as [string, ...string[]];
  if (Array.isArray(root)) return root.map((v, i) => (String(i) === head ? setAt(v, rest, leaf) : v));
  const obj = isRecord(root) ? root : {};
  return { ...obj, [head]: setAt(obj[head], rest, leaf) };
}
