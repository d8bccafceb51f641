import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { Frame } from '../common/Frame.tsx';
import { parseNote } from './markdown.ts';
import { renderBlocks } from './elements.tsx';
import './note.css';

export default function NotePanel({ panel, index }: PanelProps<'note'>) {
  const blocks = useMemo(() => parseNote(panel.text), [panel.text]);
  return (
    <Frame index={index} kind={panel.kind} state="ready" title={panel.title ?? 'Ghi chú'}>
      <div className="note" data-testid="note-body">
        {renderBlocks(blocks)}
      </div>
    </Frame>
  );
}
