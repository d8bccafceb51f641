/**
 * Schema validation of one config file, its failures turned into config issues: zod's own paths and
 * messages through contract/zod-issues.ts (the translation every boundary uses), placed in the file,
 * with a hint per kind of failure and the intended key for a mistyped one.
 */
import { z } from 'zod';
import { zodIssues } from '../zod-issues.ts';
import type { ConfigIssue } from './issues.ts';
import type { KeyPath, YamlSource } from './yaml-source.ts';
import { schemaHint, unknownKeyHint } from './hints.ts';

/** The file's data as the schema's output, or null after pushing one issue per failure. */
export function validateSource<T extends z.ZodType>(schema: T, source: YamlSource, issues: ConfigIssue[]): z.infer<T> | null {
  const res = schema.safeParse(source.data);
  if (res.success) return res.data;
  issues.push(...schemaIssues(res.error, source, () => knownKeys(schema)));
  return null;
}

export function schemaIssues(err: z.ZodError, source: YamlSource, keys: () => Set<string>): ConfigIssue[] {
  const fields = zodIssues(err, err.issues.length);
  return err.issues.flatMap((issue, n) => {
    const field = fields[n]!;
    const path: KeyPath = field.path === '(root)' ? [] : field.path.split('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => source.issue([...path, key], `unknown key "${key}"`, unknownKeyHint(key, keys())));
    return [source.issue(path, field.message.replace(/^Invalid input: /, ''), schemaHint(issue))];
  });
}

const keysBySchema = new WeakMap<z.ZodType, Set<string>>();

/** Every key name the schema accepts anywhere, read from its JSON Schema (zod's public description of it). */
export function knownKeys(schema: z.ZodType): Set<string> {
  let keys = keysBySchema.get(schema);
  if (!keys) {
    keys = new Set();
    collectKeys(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), keys);
    keysBySchema.set(schema, keys);
  }
  return keys;
}

type JsonSchemaNode = { [key: string]: unknown };

function collectKeys(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectKeys(n, out));
  if (!node || typeof node !== 'object') return;
  const s = node as JsonSchemaNode;
  if (s.properties && typeof s.properties === 'object')
    for (const [key, sub] of Object.entries(s.properties)) {
      out.add(key);
      collectKeys(sub, out);
    }
  for (const k of ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'not']) collectKeys(s[k], out);
  for (const k of ['$defs', 'definitions']) if (s[k] && typeof s[k] === 'object') collectKeys(Object.values(s[k]), out);
}
