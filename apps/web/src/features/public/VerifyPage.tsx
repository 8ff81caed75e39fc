import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../lib/api';
import { dash, formatDate } from '../../lib/format';
import { labelOf, tierLabels } from '../../lib/labels';
import type { CertificateCheck } from '../../lib/types';
import { useCertificate } from './api';

function Verdict({
  kind,
  number,
  reason,
}: {
  kind: 'valid' | 'revoked' | 'missing';
  number: string;
  reason?: string | null;
}) {
  const cfg = {
    valid: {
      icon: <CheckCircleFilled style={{ color: '#389e0d', fontSize: 64 }} />,
      text: '有效',
      color: '#389e0d',
      note: '该备案证书真实有效。',
    },
    revoked: {
      icon: <CloseCircleFilled style={{ color: '#cf1322', fontSize: 64 }} />,
      text: '已撤销',
      color: '#cf1322',
      note: '该证书已被撤销，不再有效。',
    },
    missing: {
      icon: <QuestionCircleFilled style={{ color: '#d48806', fontSize: 64 }} />,
      text: '未找到',
      color: '#d48806',
      note: '没有查到该编号的证书，请核对编号是否输入正确。',
    },
  }[kind];
  return (
    <div className="verify-result" data-testid="verify-result" data-status={kind}>
      {cfg.icon}
      <div className="big" style={{ color: cfg.color }}>
        {cfg.text}
      </div>
      <div style={{ color: '#555' }}>证书编号：{number}</div>
      <div style={{ color: '#555', marginTop: 4 }}>{cfg.note}</div>
      {reason && <div style={{ color: '#cf1322', marginTop: 4 }}>撤销原因：{reason}</div>}
    </div>
  );
}

function Particulars({ c }: { c: CertificateCheck }) {
  const p = c.particulars;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      style={{ marginTop: 16 }}
      data-testid="verify-particulars"
      items={[
        { key: 'name', label: '组织名称', children: p.name },
        { key: 'tier', label: '类型', children: labelOf(tierLabels, p.tier, p.tierLabel) },
        { key: 'category', label: '类别', children: dash(p.categoryName) },
        { key: 'leader', label: '负责人', children: dash(p.leaderNameMasked) },
        {
          key: 'place',
          label: '所属',
          children: [p.streetName, p.communityName].filter(Boolean).join(' · ') || '—',
        },
        { key: 'venue', label: '活动场所', children: dash(p.venue) },
        { key: 'scope', label: '业务范围', children: dash(p.businessScope) },
        { key: 'filedOn', label: '备案日期', children: formatDate(p.filedOn) },
        { key: 'issuedOn', label: '发证日期', children: formatDate(c.issuedOn) },
        { key: 'issuer', label: '发证机关', children: dash(c.issuerName) },
        ...(c.organization
          ? [{ key: 'status', label: '组织现状', children: c.organization.statusLabel }]
          : []),
      ]}
    />
  );
}

export default function VerifyPage() {
  const { number } = useParams();
  const navigate = useNavigate();
  const cert = useCertificate(number);
  const notFound = cert.error instanceof ApiError && cert.error.status === 404;

  const form = (
    <Form
      layout="vertical"
      initialValues={{ number }}
      key={number}
      onFinish={(v) => v.number?.trim() && navigate(`/public/verify/${encodeURIComponent(v.number.trim())}`)}
    >
      <Form.Item
        name="number"
        label={number ? '核验其他证书' : '证书编号'}
        extra="扫描证书上的二维码可直接打开本页；扫码不便时可手工输入编号"
        rules={[{ required: true, whitespace: true, message: '请输入证书编号' }]}
      >
        <Input size="large" placeholder="请输入证书编号" autoComplete="off" data-testid="verify-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block data-testid="verify-submit">
        核验
      </Button>
    </Form>
  );

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <h1 style={{ fontSize: 22, margin: '4px 0 12px' }}>备案证书核验</h1>
      {number && (
        <Card style={{ marginBottom: 16 }}>
          {cert.isPending ? (
            <Skeleton active />
          ) : cert.data ? (
            <>
              <Verdict
                kind={cert.data.valid && cert.data.status === 'valid' ? 'valid' : 'revoked'}
                number={cert.data.number}
                reason={cert.data.revokeReason}
              />
              <Particulars c={cert.data} />
              {cert.data.organization && (
                <div style={{ marginTop: 12 }}>
                  <Link to={`/public/organizations/${cert.data.organization.id}`}>查看组织公开信息 →</Link>
                </div>
              )}
            </>
          ) : notFound ? (
            <Verdict kind="missing" number={number} />
          ) : (
            <div style={{ color: '#cf1322' }}>{cert.error?.message ?? '核验失败，请稍后重试'}</div>
          )}
        </Card>
      )}
      <Card>{form}</Card>
    </div>
  );
}
