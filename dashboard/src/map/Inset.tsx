/** An archipelago drawn as an SVG inset (a second WebGL map for a few reefs would cost a context). */
import { useMemo } from 'react';
import { insetPath, partsWithin, type BBox, type CommuneFeature } from './geo.ts';
import { cssColor, type RGBA } from './scale.ts';

const W = 220;
const H = 150;

export function Inset(props: {
  title: string;
  box: BBox;
  features: readonly CommuneFeature[];
  fill: RGBA;
  selected?: boolean;
  onClick?: (() => void) | undefined;
}) {
  const d = useMemo(() => insetPath(partsWithin(props.features, props.box), props.box, W, H), [props.features, props.box]);
  const body = (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true">
      <path
        d={d}
        fill={cssColor(props.fill)}
        stroke={props.selected ? '#fff' : '#9fb3cc'}
        strokeWidth={props.selected ? 2 : 0.8}
      />
    </svg>
  );
  return (
    <figure className={`map-inset${props.selected ? ' map-inset--selected' : ''}`} data-testid="map-inset">
      {props.onClick ? (
        <button type="button" className="map-inset-button" onClick={props.onClick} aria-label={props.title}>
          {body}
        </button>
      ) : (
        body
      )}
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
