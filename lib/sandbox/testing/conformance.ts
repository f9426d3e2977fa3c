import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * Validates sandbox responses against the official OpenAPI files in ../shared/reference (read at
 * test time, never copied into the repo). OpenAPI 3.0 schemas are converted to JSON Schema
 * (`nullable` → a "null" type or anyOf with null) and KORE's success bodies are *closed*
 * (additionalProperties: false), so a misspelt or invented field fails, not just a wrong type.
 *
 * Spec quirks, each patched here on purpose and nowhere else (sim-api.md §15 and [EMU] rules):
 *  1. KORE `ListMeta.required` names fields that do not exist (list_key, direct_token): dropped.
 *  2. KORE `ListMeta.previous_page_url` / `next_page_url` are non-nullable strings, but are null on
 *     the first / last page (every inline list `meta` in the same spec says nullable): nullable.
 *  3. KORE `Sim.eid` vs `e_id` on KORE's docs page and in Twilio's spec: the sandbox emits `e_id`
 *     ([EMU] §15), so `e_id` is accepted with `eid`'s schema. Twilio's spec checks it natively.
 *  4. KORE `Sim.links.rate_plan` is a non-nullable string; a SIM without a plan has null ([EMU] §4).
 *  5. KORE `RatePlan.usage_notification_url` is a non-nullable string; unset values are null (§2).
 *  6. Twilio Monitor `actor_sid` allows only `US…`; API changes are attributed to the account
 *     (`AC…`, actor_type "account"), as in sim-api.md §12's example.
 *  7. Twilio `sim_enum_reset_status` is a non-nullable enum ["resetting"], but its own description
 *     (and KORE's spec) say the value is null when no reset runs: nullable.
 */
type Json = Record<string, unknown>;
type SpecName = "kore" | "twilio" | "monitor" | "iam" | "token";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const REFERENCE_DIR = path.resolve(REPO_ROOT, "../shared/reference");

const FILES: Record<SpecName, string> = {
  kore: "kore-programmable-wireless-v1.json",
  twilio: "twilio_wireless_v1.json",
  monitor: "twilio_monitor_v1.json",
  iam: "kore-iam-v1.json",
  token: "kore_token_api_v1.json",
};

const OPEN_SCHEMAS = new Set(["UsageApiErrorResponse", "ErrorResponse", "Error", "401Error"]);

export type Conformance = {
  /** Throws with the validator's messages when `body` does not match the spec's response schema. */
  validate(method: string, requestPath: string, status: number, body: unknown): void;
  /** How many bodies were checked, per spec (tests assert this is not zero). */
  readonly counts: Record<SpecName, number>;
};

export function loadConformance(): Conformance {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("http-method", /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/);
  ajv.addFormat("uri-map", true);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat("double", { type: "number", validate: () => true });

  const specs = Object.fromEntries(
    (Object.keys(FILES) as SpecName[]).map((name) => [name, prepare(name, ajv)]),
  ) as Record<SpecName, Prepared>;
  const counts: Record<SpecName, number> = { kore: 0, twilio: 0, monitor: 0, iam: 0, token: 0 };

  const check = (name: SpecName, method: string, requestPath: string, status: number, body: unknown) => {
    const validator = specs[name].validator(method, requestPath, status);
    if (!validator) return false;
    if (!validator(body)) {
      throw new Error(
        `${method} ${requestPath} → ${status} does not match ${FILES[name]}:\n${ajv.errorsText(validator.errors?.slice(0, 8), { separator: "\n" })}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
      );
    }
    counts[name]++;
    return true;
  };

  return {
    counts,
    validate(method, requestPath, status, body) {
      const name = specFor(requestPath);
      if (!check(name, method, requestPath, status, body)) {
        throw new Error(`${method} ${requestPath} → ${status} is not a response ${FILES[name]} declares`);
      }
      // The Twilio spec is the wire contract the official helper libraries were generated from.
      if (name === "kore" && status < 300) check("twilio", method, requestPath, status, body);
    },
  };
}

type Prepared = {
  validator(method: string, requestPath: string, status: number): ValidateFunction | undefined;
};

function prepare(name: SpecName, ajv: Ajv): Prepared {
  const doc = JSON.parse(readFileSync(path.join(REFERENCE_DIR, FILES[name]), "utf8")) as Json;
  const components = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  patchQuirks(name, components);
  flattenAllOf(components);
  const schemas: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(components)) {
    schemas[key] = convert(schema, name === "kore" && !OPEN_SCHEMAS.has(key));
  }
  const routes: { regex: RegExp; method: string; status: string; key: string }[] = [];
  let n = 0;
  const base = name === "token" ? "/api-services" : "";
  for (const [template, operations] of Object.entries(doc.paths as Record<string, Json>)) {
    const regex = new RegExp(`^${base}${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const [method, operation] of Object.entries(operations)) {
      const responses = ((operation as Json).responses ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        const schema = ((response.content as Json | undefined)?.["application/json"] as Json | undefined)
          ?.schema;
        if (!schema) continue;
        const key = `__response_${n++}`;
        schemas[key] = convert(schema, name === "kore" && Number(status) < 300);
        routes.push({ regex, method: method.toUpperCase(), status, key });
      }
    }
  }
  const id = `spec-${name}`;
  ajv.addSchema({ $id: id, components: { schemas } });
  const fallbackError =
    name === "kore" || name === "monitor"
      ? "UsageApiErrorResponse"
      : name === "iam"
        ? "ErrorResponse"
        : "Error";
  return {
    validator(method, requestPath, status) {
      const candidates = routes.filter((r) => r.method === method && r.regex.test(requestPath));
      const exact = candidates.find((r) => r.status === String(status));
      const key = exact?.key ?? (status >= 400 && candidates.length > 0 ? fallbackError : undefined);
      if (!key) return undefined;
      if (!exact && name === "monitor") {
        // The Monitor spec documents no error bodies; the sandbox uses KORE's envelope there.
        return ajv.getSchema("spec-kore#/components/schemas/UsageApiErrorResponse");
      }
      return ajv.getSchema(`${id}#/components/schemas/${key}`);
    },
  };
}

function specFor(requestPath: string): SpecName {
  if (requestPath.startsWith("/api-services/")) return "token";
  if (/^\/v1\/Events(\/|$)/.test(requestPath)) return "monitor";
  if (/^\/v1\/(accounts|platform_account_mappings)(\/|$)/.test(requestPath)) return "iam";
  return "kore";
}

function patchQuirks(name: SpecName, components: Record<string, Json>): void {
  if (name === "kore") {
    const meta = components.ListMeta as Json;
    delete meta.required; // quirk 1
    const metaProps = meta.properties as Record<string, Json>;
    for (const key of ["previous_page_url", "next_page_url"]) (metaProps[key] as Json).nullable = true; // quirk 2
    const simProps = (components.Sim as Json).properties as Record<string, Json>;
    simProps.e_id = simProps.eid as Json; // quirk 3
    const links = (simProps.links as Json).properties as Record<string, Json>;
    (links.rate_plan as Json).nullable = true; // quirk 4
    const planProps = (components.RatePlan as Json).properties as Record<string, Json>;
    (planProps.usage_notification_url as Json).nullable = true; // quirk 5
  }
  if (name === "twilio") {
    (components.sim_enum_reset_status as Json).nullable = true; // quirk 7
  }
  if (name === "monitor") {
    const eventProps = (components["monitor.v1.event"] as Json).properties as Record<string, Json>;
    (eventProps.actor_sid as Json).pattern = "^(US|AC)[0-9a-fA-F]{32}$"; // quirk 6
  }
}

/**
 * Closed branches of an `allOf` would reject each other's properties, so object-only `allOf`s
 * (KORE's SIMUsageRecord = UsageRecord + sim_sid) are merged into one object first.
 */
function flattenAllOf(components: Record<string, Json>): void {
  const resolve = (schema: Json): Json => {
    const ref = typeof schema.$ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(schema.$ref) : null;
    return ref ? resolve(components[ref[1] as string] as Json) : schema;
  };
  for (const [key, schema] of Object.entries(components)) {
    if (!Array.isArray(schema.allOf)) continue;
    const branches = (schema.allOf as Json[]).map(resolve);
    if (!branches.every((b) => b.properties && !b.allOf)) continue;
    components[key] = {
      type: "object",
      properties: Object.assign({}, ...branches.map((b) => b.properties)),
      required: branches.flatMap((b) => (b.required as string[] | undefined) ?? []),
    };
  }
}

const DROP = new Set([
  "nullable",
  "example",
  "examples",
  "discriminator",
  "xml",
  "externalDocs",
  "deprecated",
]);

/** OpenAPI 3.0 schema → JSON Schema; `closed` forbids properties the schema does not name. */
function convert(node: unknown, closed: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, closed));
  if (!node || typeof node !== "object") return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROP.has(key) || key.startsWith("x-")) continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([prop, schema]) => [prop, convert(schema, closed)]),
      );
    } else {
      out[key] = convert(value, closed);
    }
  }
  if (closed && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (source.nullable === true) {
    if (typeof out.$ref === "string") return { anyOf: [{ $ref: out.$ref }, { type: "null" }] };
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}
