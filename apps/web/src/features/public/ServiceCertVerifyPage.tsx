import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Skeleton } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../lib/api';
import { useServiceCertCheck } from '../volunteerStats/api';

const ymd = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const VERDICT = {
  valid: {
    icon: <CheckCircleFilled style={{ color: '#389e0d', fontSize: 64 }} />,
    text: '有效',
    color: '#389e0d',
    note: '该志愿服务记录证明真实有效。',
  },
  revoked: {
    icon: <CloseCircleFilled style={{ color: '#cf1322', fontSize: 64 }} />,
    text: '已撤销',
    color: '#cf1322',
    note: '该证明已被出具单位撤销，不再有效。',
  },
  missing: {
    icon: <QuestionCircleFilled style={{ color: '#d48806', fontSize: 64 }} />,
    text: '未找到',
    color: '#d48806',
    note: '没有查到该编号的证明，请核对编号是否输入正确。',
  },
} as const;

/** Public page the certificate's QR code opens: /public/service-cert/:number (phone first). */
export default function ServiceCertVerifyPage() {
  const { number } = useParams();
  const navigate = useNavigate();
  const check = useServiceCertCheck(number);
  const missing = check.error instanceof ApiError && check.error.status === 404;
  const kind = check.data ? check.data.status : missing ? 'missing' : null;

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px' }} data-testid="service-cert-verify">
      <Card title="志愿服务记录证明核验">
        <Form
          layout="inline"
          initialValues={{ number }}
          onFinish={(v: { number: string }) =>
            v.number?.trim() && navigate(`/public/service-cert/${encodeURIComponent(v.number.trim())}`)
          }
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item name="number" style={{ flex: 1, minWidth: 200 }}>
            <Input placeholder="证明编号，如 VC440305-2026-000001" size="large" allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large">
            核验
          </Button>
        </Form>
        {number && check.isLoading && <Skeleton active />}
        {number && check.isError && !missing && <div style={{ color: '#cf1322' }}>{check.error.message}</div>}
        {number && kind && (
          <div
            style={{ textAlign: 'center', padding: '8px 0' }}
            data-testid="service-cert-result"
            data-status={kind}
          >
            {VERDICT[kind].icon}
            <div style={{ fontSize: 28, fontWeight: 600, color: VERDICT[kind].color }}>
              {VERDICT[kind].text}
            </div>
            <div style={{ color: '#555', wordBreak: 'break-all' }}>证明编号：{number}</div>
            <div style={{ color: '#555', marginTop: 4 }}>{VERDICT[kind].note}</div>
            {check.data?.revokedOn && (
              <div style={{ color: '#cf1322', marginTop: 4 }}>撤销日期：{ymd(check.data.revokedOn)}</div>
            )}
          </div>
        )}
        {check.data && (
          <Descriptions
            bordered
            size="middle"
            column={1}
            style={{ marginTop: 16 }}
            labelStyle={{ width: 104, whiteSpace: 'nowrap' }}
            data-testid="service-cert-particulars"
            items={[
              { key: 'name', label: '志愿者', children: check.data.realNameMasked },
              { key: 'vn', label: '志愿者编号', children: check.data.volunteerNumber },
              {
                key: 'period',
                label: '服务期间',
                children: `${ymd(check.data.periodFrom)} 至 ${ymd(check.data.periodTo)}`,
              },
              {
                key: 'hours',
                label: '服务时长',
                children: `${check.data.hours}（${check.data.records} 次）`,
              },
              { key: 'issuer', label: '记录单位', children: check.data.issuer },
              { key: 'date', label: '开具日期', children: ymd(check.data.issuedOn) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
