import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts of ECharts the dashboard draws with, so the bundle carries no more. SVG: sharp on
// a projector and in print. Every text a user reads (labels, tooltips, the description for screen
// readers) is written by the app in Swedish, so no ECharts locale is needed.
echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
