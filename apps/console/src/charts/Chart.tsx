import { useEffect, useRef } from 'react';

/** What ECharts hands a click handler: the clicked item's data. */
export interface ChartClick {
  value: unknown;
  dataIndex: number;
}
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/**
 * An ECharts chart, loaded with the page that shows it (never with the first screen). The option it was
 * last given is kept on the element, so tests can read what the chart shows, not only that it drew.
 */
export function Chart({
  option,
  height = 360,
  testId,
  onClick,
}: {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
  onClick?: (item: ChartClick) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;
  useEffect(() => {
    let disposed = false;
    let chart: EChartsType | undefined;
    const resize = () => chart?.resize();
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !element.current) return;
      const instance = echarts.getInstanceByDom(element.current) ?? echarts.init(element.current, undefined, { renderer: 'canvas' });
      chart = instance;
      instance.setOption(option);
      instance.on('click', (item) => clicked.current?.(item as ChartClick));
      element.current.dataset.option = JSON.stringify(option);
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={element} data-testid={testId} style={{ width: '100%', height }} />;
}
