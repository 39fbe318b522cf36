import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { echarts } from './echarts';

/**
 * One ECharts chart, drawn as SVG and redrawn when its option changes or its box is resized. To a
 * screen reader it is one image described in words; "Visa som tabell" beside it gives the figures.
 */
export function Chart({
  option,
  description,
  height = 320,
}: {
  option: EChartsCoreOption;
  description: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current!;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    echarts.getInstanceByDom(box.current!)?.setOption(option, true);
  }, [option]);
  return <div ref={box} role="img" aria-label={description} data-chart style={{ width: '100%', height }} />;
}
