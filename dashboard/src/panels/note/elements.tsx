/** A parsed note (markdown.ts) as React elements. */
import type { ReactNode } from 'react';
import type { Block, Inline } from './markdown.ts';

/** Staff's note as React elements: text nodes only, so markup in a note is shown as written. */
export function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    if (n.type === 'text') return n.text;
    if (n.type === 'strong') return <strong key={i}>{renderInline(n.children)}</strong>;
    return <em key={i}>{renderInline(n.children)}</em>;
  });
}

export function renderBlocks(blocks: readonly Block[]): ReactNode[] {
  return blocks.map((b, i) => {
    if (b.type === 'heading') {
      // The panel's own title is the h2: the note's headings come under it.
      const Tag = b.level === 1 ? 'h3' : b.level === 2 ? 'h4' : 'h5';
      return (
        <Tag key={i} className={`note-h note-h${b.level}`}>
          {renderInline(b.children)}
        </Tag>
      );
    }
    if (b.type === 'paragraph') return <p key={i}>{renderInline(b.children)}</p>;
    const items = b.items.map((it, k) => <li key={k}>{renderInline(it)}</li>);
    return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
  });
}
