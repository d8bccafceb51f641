/**
 * One ECharts instance bound to one element, created and disposed in the same effect; the wall's trend
 * charts and the tablet's commune trend both use it. It replaced echarts-for-react: its asynchronous init
 * (a temporary instance, then a second one after 'finished') races with unmounting, and the wall soak
 * (bench/wall-soak.ts) showed every page switch leaving an instance behind (+8 DOM listeners, +~60
 * detached nodes per visit). Options are applied with lazyUpdate; the size follows the element through a
 * ResizeObserver that is disconnected too.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { init } from './echarts.ts';

export function EChart({
  option,
  className,
  style,
  devicePixelRatio,
  notMerge = false,
}: {
  option: EChartsCoreOption;
  className?: string;
  style?: CSSProperties;
  /** Canvas pixels per CSS pixel; default the screen's. */
  devicePixelRatio?: number;
  /** Replace the previous option instead of merging into it. */
  notMerge?: boolean;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = init(node, null, devicePixelRatio ? { renderer: 'canvas', devicePixelRatio } : { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      chart.current = null;
      c.dispose();
    };
  }, [devicePixelRatio]);
  // Declared after the instance's effect, so a new instance gets the option in the same commit.
  useEffect(() => {
    chart.current?.setOption(option, { notMerge, lazyUpdate: true });
  }, [option, notMerge, devicePixelRatio]);
  return <div ref={el} className={className} style={style} />;
}
