import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * An ECharts chart, loaded with the page that shows it (never with the first screen). The option it was
 * last given is kept on the element, so tests can read what the chart shows, not only that it drew.
 */
export function Chart({ option, height = 360, testId }: { option: EChartsCoreOption; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: EChartsCoreOption) => void; dispose: () => void; resize: () => void } | undefined;
    const resize = () => chart?.resize();
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !element.current) return;
      chart = echarts.getInstanceByDom(element.current) ?? echarts.init(element.current, undefined, { renderer: 'canvas' });
      chart.setOption(option);
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
