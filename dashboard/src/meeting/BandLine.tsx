/**
 * A line of the meeting band at the wall's type size: its parts separated by " · ", each cut with an
 * ellipsis only as far as its `shrink` says, so a long meeting title or group name never hides the
 * presenter, the area or the period. (`white-space: pre` keeps the separator's spaces at a part's
 * start; line breaks typed into a title are folded into spaces.)
 */
import type { BandPart } from './labels.ts';

export function BandLine({ parts }: { parts: readonly BandPart[] }) {
  return (
    <>
      {parts.map((p, i) => (
        <span key={i} className="band-part" style={{ flexShrink: p.shrink }}>
          {i > 0 ? ' · ' : ''}
          {p.text.replace(/\s+/g, ' ')}
        </span>
      ))}
    </>
  );
}
