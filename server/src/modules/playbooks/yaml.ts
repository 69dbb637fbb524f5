import { isAlias, isCollection, parseDocument, stringify, visit } from "yaml";
import { type Definition, YAML_MAX_BYTES } from "../../../../contracts/playbooks.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Playbooks as YAML files: export writes the definition with its slug; import reads one back
 * defensively. YAML is hostile input: anchors/aliases can multiply a small file into a huge
 * value ("billion laughs"), so aliases are refused, and size and nesting are capped.
 */
const MAX_DEPTH = 12;
const MAX_ALIASES = 0;

export function toYaml(slug: string, def: Definition): string {
  return stringify({ slug, ...def }, { lineWidth: 100, aliasDuplicateObjects: false });
}

export function fromYaml(text: string): unknown {
  if (Buffer.byteLength(text) > YAML_MAX_BYTES) {
    throw new AppError("payload_too_large", `yaml is larger than ${YAML_MAX_BYTES / 1000} kB`, "yaml");
  }
  // The core schema only: no custom tags, no !!binary or other surprises.
  const doc = parseDocument(text, {
    schema: "core",
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new AppError(
      "validation_failed",
      `yaml is not valid YAML: ${e?.message.split("\n")[0] ?? "parse error"}`,
      "yaml",
    );
  }
  let aliases = 0;
  let tooDeep = false;
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) aliases++;
    // Each collection adds one level to the path (plus its pairs).
    if (isCollection(node) && path.filter(isCollection).length >= MAX_DEPTH) tooDeep = true;
  });
  if (aliases > MAX_ALIASES) {
    throw new AppError("validation_failed", "yaml must not use anchors and aliases (*name)", "yaml");
  }
  if (tooDeep)
    throw new AppError("validation_failed", `yaml is nested deeper than ${MAX_DEPTH} levels`, "yaml");
  const value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AppError(
      "validation_failed",
      "yaml must be a mapping with slug, name, start and steps",
      "yaml",
    );
  }
  return value;
}
