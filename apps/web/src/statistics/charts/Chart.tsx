import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type ChartFrame, type ChartKind, type ChartTable, drawChart } from './chart-table';
import { echarts } from './echarts';

/**
 * One ECharts chart, drawn as SVG in the page's own font, laid out for its width and redrawn when
 * its table or its width changes. To a screen reader it is one image described in words; "Visa som
 * tabell" beside it gives the figures.
 */
export function Chart({
  table,
  kind,
  description,
}: {
  table: ChartTable;
  kind: ChartKind;
  description: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [font, setFont] = useState<Omit<ChartFrame, 'width'>>();
  useLayoutEffect(() => {
    const element = box.current!;
    // The theme's font as the page resolved it: one source of truth for the page and its charts.
    setFont(pageFont(getComputedStyle(element).fontFamily));
    setWidth(element.clientWidth);
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    const resize = new ResizeObserver(() => {
      setWidth(element.clientWidth);
      chart.resize();
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  const drawn = useMemo(
    () => (font && width > 0 ? drawChart(table, description, kind, { ...font, width }) : undefined),
    [table, description, kind, font, width],
  );
  useLayoutEffect(() => {
    const chart = echarts.getInstanceByDom(box.current!);
    if (!chart || !drawn) return;
    chart.resize();
    chart.setOption(drawn.option, true);
  }, [drawn]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={description}
      data-chart
      style={{ width: '100%', height: drawn?.height ?? 320 }}
    />
  );
}

/** The font family and a measure of text in it, on a canvas as ECharts measures. */
function pageFont(fontFamily: string): Omit<ChartFrame, 'width'> {
  const context = document.createElement('canvas').getContext('2d');
  return {
    fontFamily,
    measure: (text, fontSize) => {
      if (!context) return text.length * fontSize * 0.6;
      context.font = `${fontSize}px ${fontFamily}`;
      return context.measureText(text).width;
    },
  };
}
