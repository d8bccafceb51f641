/**
 * The Markdown subset a staff note may use, parsed to a plain tree that the note panel turns into React
 * elements (never innerHTML): headings (`#`, `##`, `###`), paragraphs, **bold**, *italic*, bulleted
 * (`-`, `*`, `+`) and numbered (`1.`) lists. Everything else — HTML tags, links, images, code — stays
 * literal text. Pure.
 */
export type Inline = { type: 'text'; text: string } | { type: 'strong'; children: Inline[] } | { type: 'em'; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

/** A long note is cut, never the wall's layout. */
export const MAX_BLOCKS = 60;

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

export function parseNote(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ type: 'paragraph', children: parseInline(para.join(' ')) });
    para = [];
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      flush();
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flush();
      const level = Math.min(3, h[1]!.length) as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: parseInline(h[2]!) });
      continue;
    }
    const b = BULLET.exec(line);
    const n = b ? null : NUMBERED.exec(line);
    const item = b ?? n;
    if (item) {
      const ordered = !!n;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1]!);
      continue;
    }
    if (list) {
      // A line under a list item without a marker continues that item.
      const items = list.items;
      if (/^\s/.test(raw)) {
        items[items.length - 1] += ` ${line.trim()}`;
        continue;
      }
      flush();
    }
    para.push(line.trim());
  }
  flush();
  return blocks.slice(0, MAX_BLOCKS);
}

/** `**bold**` and `*italic*` / `_italic_`; a marker without its partner is plain text. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  let i = 0;
  const push = (node: Inline) => {
    if (text) out.push({ type: 'text', text });
    text = '';
    out.push(node);
  };
  while (i < s.length) {
    if (s.startsWith('**', i)) {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2) {
        push({ type: 'strong', children: parseInline(s.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    const c = s[i]!;
    if ((c === '*' || c === '_') && s[i + 1] !== c && s[i + 1] !== ' ') {
      const end = s.indexOf(c, i + 1);
      if (end > i + 1 && s[end - 1] !== ' ') {
        push({ type: 'em', children: parseInline(s.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  if (text) out.push({ type: 'text', text });
  return out;
}
