/**
 * ECharts, tree-shaken to what the trend charts draw: bar and line series on a cartesian grid, a plain
 * legend (two entries, never scrolled), the axis tooltip (it brings the axis pointer), the marked area
 * of a meeting's window and the canvas renderer. Named imports only: a namespace object re-exported whole would keep every export of
 * `echarts/core` (graphic, helper, format, …) in the bundle.
 */
// `use` renamed: React's lint rules would take it for React's `use` hook.
import { init, use as register } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridSimpleComponent, LegendPlainComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

register([LineChart, BarChart, GridSimpleComponent, TooltipComponent, LegendPlainComponent, MarkAreaComponent, CanvasRenderer]);

export { init };
