/**
 * Writing a value back into a YAML file people also edit by hand: the existing document is parsed and
 * only the nodes whose value changed are replaced, so comments, key order and flow/block style of
 * everything else survive a publish (re-stringifying from scratch would drop every comment).
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isNode, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** Lines as long as the files' own (prettier's printWidth for YAML); a panel stays on one line. */
const TO_STRING = { lineWidth: 130 } as const;

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The file's text after setting its content to `value` (a new file when `text` is null). */
export function updateYaml(text: string | null, value: unknown, header?: string): string {
  if (text === null) {
    const doc = new Document(value);
    if (header) doc.commentBefore = ` ${header}`;
    return doc.toString(TO_STRING);
  }
  const doc = parseDocument(text);
  doc.contents = mergeNode(doc, doc.contents, value) as typeof doc.contents;
  return doc.toString(TO_STRING);
}

/** Sets the node at `path` (keys and list positions) to `value`, keeping the rest of the file as it is. */
export function updateYamlAt(text: string, path: readonly (string | number)[], value: unknown): string {
  const doc = parseDocument(text);
  const node = doc.getIn(path, true);
  doc.setIn(path, mergeNode(doc, isNode(node) ? node : null, value));
  return doc.toString(TO_STRING);
}

/** The content of the file as JSON (what GET /api/config/* sends). */
export function yamlValue(text: string): unknown {
  return parseDocument(text).toJS();
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function mergeNode(doc: Document, node: unknown, value: unknown): Node {
  if (isNode(node) && isDeepStrictEqual(node.toJS(doc), value)) return node;
  if (isMap(node) && isPlainObject(value)) {
    for (const pair of [...node.items]) if (!(keyOf(pair.key) in value)) node.delete(pair.key);
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const pair = node.items.find((p) => keyOf(p.key) === k);
      if (pair) pair.value = mergeNode(doc, pair.value, v);
      else node.add(doc.createPair(k, v));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items.splice(value.length);
    value.forEach((v, i) => {
      if (i < node.items.length) node.items[i] = mergeNode(doc, node.items[i], v);
      else {
        const created = doc.createNode(v);
        // A new entry looks like its neighbours (`- { kind: kpi-tile, … }` lists stay one line per panel).
        const prev = node.items[i - 1];
        if (isMap(prev) && prev.flow && isMap(created)) created.flow = true;
        node.items.push(created);
      }
    });
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    node.value = value;
    return node;
  }
  const created = doc.createNode(value);
  if (isNode(node)) {
    created.commentBefore = node.commentBefore;
    created.comment = node.comment;
  }
  return created;
}
