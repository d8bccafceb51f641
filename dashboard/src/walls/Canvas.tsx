import type { ReactNode } from 'react';
import type { Size } from './fit.ts';
import { useFit } from './useFit.ts';
import { WallScaleContext } from './scale.ts';

/** The fixed design canvas, scaled uniformly into the window, letterboxed and centred. */
export function Canvas({ design, children, minType }: { design: Size; children: ReactNode; minType?: number | undefined }) {
  const fit = useFit(design);
  return (
    <div className="wall-root">
      <div
        className="wall-canvas"
        data-testid="wall-canvas"
        data-scale={fit.scale.toFixed(4)}
        data-min-type={minType}
        style={{
          // The smallest readable type for this wall (viewing distance × panel size), in design pixels.
          ...(minType ? ({ '--wall-min-type': `${minType}px` } as Record<string, string>) : {}),
          width: design.width,
          height: design.height,
          transform: `translate(${fit.offsetX}px, ${fit.offsetY}px) scale(${fit.scale})`,
        }}
      >
        <WallScaleContext value={fit.scale}>{children}</WallScaleContext>
      </div>
    </div>
  );
}
