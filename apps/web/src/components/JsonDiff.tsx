import { Col, Row, Typography } from 'antd';

const pretty = (v: unknown) => (v === undefined || v === null ? '—' : JSON.stringify(v, null, 2));

/** Before/after JSON side by side; keys whose values changed are listed first. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changed =
    typeof b === 'object' && typeof a === 'object'
      ? [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
          (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
        )
      : [];
  const box: React.CSSProperties = {
    background: '#fafafa',
    border: '1px solid #f0f0f0',
    borderRadius: 6,
    padding: 8,
    margin: 0,
    maxHeight: 320,
    overflow: 'auto',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  };
  return (
    <div data-testid="json-diff">
      {changed.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          变化字段：{changed.join('、')}
        </Typography.Paragraph>
      )}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Typography.Text strong>变更前</Typography.Text>
          <pre style={box}>{pretty(before)}</pre>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>变更后</Typography.Text>
          <pre style={box}>{pretty(after)}</pre>
        </Col>
      </Row>
    </div>
  );
}
