import { useEffect, useState } from 'react';
import { fitCanvas, type Fit, type Size } from './fit.ts';

function windowSize(): Size {
  return { width: window.innerWidth, height: window.innerHeight };
}

/** Fits the design canvas to the window, again on every resize. */
export function useFit(design: Size): Fit {
  const [win, setWin] = useState<Size>(windowSize);
  useEffect(() => {
    let frame = 0;
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setWin(windowSize()));
    };
    window.addEventListener('resize', onResize);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return fitCanvas(design, win);
}
