// Apache ECharts as the dashboard uses it, through vue-echarts: only the bar and line charts, their
// axes, tooltip, legend and ARIA description, drawn as SVG (sharp on a projector and on paper). This
// module is imported by the dashboard's components only, so the charting code loads with that route.
import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { StatusCategory } from '@dondoc/shared/status';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export { default as VChart } from 'vue-echarts';

/** One colour per report bucket, the app's own: late in reds, done in greens, open in blues and greys. */
export const CATEGORY_COLORS: Record<StatusCategory, string> = {
  'todo-on-time': '#64748b',
  'todo-late': '#7f1d1d',
  'doing-on-time': '#1d4ed8',
  'doing-late': '#dc2626',
  'done-on-time': '#15803d',
  'done-late': '#65a30d',
  'recurring-undated': '#a8a29e',
};

/** The order bars stack in: late first (what a meeting looks at), done last. */
export const STACK_ORDER: readonly StatusCategory[] = ['todo-late', 'doing-late', 'todo-on-time', 'doing-on-time', 'recurring-undated', 'done-late', 'done-on-time'];

/** Shared look: the app's font, dark text, no animation (a chart drawn at once reads faster, and prints). */
export const BASE_OPTION = {
  animation: false,
  textStyle: { fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif", color: '#111827', fontSize: 14 },
  aria: { enabled: true },
  tooltip: { renderMode: 'richText' as const },
};
