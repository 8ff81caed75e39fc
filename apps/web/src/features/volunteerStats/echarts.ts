/**
 * ECharts modules for the volunteer dashboard: the shared dashboard set (bar, pie) plus line
 * charts for monthly hours. Registration is global, so the dashboard's <Chart> draws them.
 */
import { LineChart } from 'echarts/charts';
import { echarts } from '../dashboard/echarts';

echarts.use([LineChart]);

export type { EChartsCoreOption } from '../dashboard/echarts';
export { echarts };
