import { useEffect, useRef } from 'react';
import { type EChartsCoreOption, echarts } from './echarts';

/** An ECharts canvas that follows its container's size (phones rotate, sidebars collapse). */
export function Chart({
  option,
  height = 300,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (params: { name: string; dataIndex: number; data: unknown }) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) =>
      clickRef.current?.(p as unknown as { name: string; dataIndex: number; data: unknown }),
    );
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
