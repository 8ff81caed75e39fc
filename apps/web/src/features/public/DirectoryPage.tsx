import { Card, Col, Empty, Form, Input, Pagination, Row, Select, Skeleton, Tag } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { usePublicFilters, usePublicOrgs } from './api';

const KEYS = ['q', 'category', 'streetCode'] as const;
const tierColor: Record<string, string> = { filed: 'blue', registered: 'green' };

export default function DirectoryPage() {
  const { filters, page, update } = useUrlFilters(KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize: 12 }), [filters, page]);
  const orgs = usePublicOrgs(query);
  const f = usePublicFilters();
  const [form] = Form.useForm();

  useEffect(() => {
    form.setFieldsValue(filters);
  }, [filters, form]);

  return (
    <div>
      <h1 style={{ fontSize: 22, margin: '4px 0 12px' }}>社区社会组织名录</h1>
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          onValuesChange={(changed) => !('q' in changed) && update(form.getFieldsValue())}
        >
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="q" label="组织名称" style={{ marginBottom: 8 }}>
                <Input.Search
                  allowClear
                  size="large"
                  placeholder="输入名称关键字"
                  enterButton="查询"
                  onSearch={(q) => update({ ...form.getFieldsValue(), q: q.trim() })}
                  data-testid="public-q"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item name="category" label="类别" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  size="large"
                  placeholder="全部类别"
                  options={(f.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item name="streetCode" label="街道" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  size="large"
                  placeholder="全部街道"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(f.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {orgs.isPending ? (
        <Skeleton active />
      ) : !orgs.data?.items.length ? (
        <Card>
          <Empty description={orgs.error ? orgs.error.message : '没有找到符合条件的组织'} />
        </Card>
      ) : (
        <>
          <div style={{ color: '#666', marginBottom: 8 }}>共 {orgs.data.total} 个组织</div>
          <Row gutter={[12, 12]} data-testid="public-list">
            {orgs.data.items.map((o) => (
              <Col xs={24} md={12} lg={8} key={o.id}>
                <Link to={`/public/organizations/${o.id}`}>
                  <Card hoverable className="pub-card" data-testid="public-card">
                    <h3>{o.name}</h3>
                    <div>
                      <Tag color={tierColor[o.tier]}>{o.tierLabel}</Tag>
                      <Tag>{o.categoryName}</Tag>
                      {o.creditListLabel && <Tag color="red">{o.creditListLabel}</Tag>}
                    </div>
                    <div className="pub-meta">
                      {[o.streetName, o.communityName].filter(Boolean).join(' · ')}
                      <br />
                      负责人：{o.leaderNameMasked}
                      {(o.filingNumber || o.uscc) && (
                        <>
                          <br />
                          {o.uscc ? `信用代码：${o.uscc}` : `备案编号：${o.filingNumber}`}
                        </>
                      )}
                    </div>
                    {o.businessScope && <div className="pub-scope">{o.businessScope}</div>}
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
          <Pagination
            style={{ marginTop: 16, textAlign: 'center', justifyContent: 'center' }}
            current={page}
            pageSize={12}
            total={orgs.data.total}
            showSizeChanger={false}
            onChange={(p) => update({ page: String(p) }, false)}
          />
        </>
      )}
    </div>
  );
}
