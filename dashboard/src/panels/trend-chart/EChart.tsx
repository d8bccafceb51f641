/**
 * One ECharts instance bound to one element, created and disposed in the same effect. Replaces
 * echarts-for-react on the wall: its asynchronous init (a temporary instance, then a second one after
 * 'finished') races with unmounting, and the wall soak (bench/wall-soak.ts) showed every page switch
 * leaving an instance behind (+8 DOM listeners, +~60 detached nodes per visit). Options are applied
 * with lazyUpdate; the size follows the element through a ResizeObserver that is disconnected too.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts.ts';

export function EChart({ option, className, style, devicePixelRatio }: { option: EChartsCoreOption; className?: string; style?: CSSProperties; devicePixelRatio: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, null, { renderer: 'canvas', devicePixelRatio });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      chart.current = null;
      c.dispose();
    };
  }, [devicePixelRatio]);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: false, lazyUpdate: true });
  }, [option, devicePixelRatio]);
  return <div ref={el} className={className} style={style} />;
}
