import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import { partyStatusLabels } from '../../lib/labels';
import { idNumberRule, maxLen, phoneRule, required, requiredSelect } from '../../lib/rules';
import { useCurrentUser } from '../auth/api';
import { useCategories } from '../reference/api';
import { RegionCascader } from '../reference/RegionCascader';

export const partyOptions = Object.entries(partyStatusLabels).map(([value, label]) => ({ value, label }));

/**
 * Fields of an activity group (社区活动小组台账). `mode`:
 * - create: everything, community picker;
 * - edit: everything but the community; ID and phones blank = unchanged;
 * - restricted: filed/registered organizations – name, leader, venue, scope need a change application.
 */
export function GroupFields({ mode }: { mode: 'create' | 'edit' | 'restricted' }) {
  const me = useCurrentUser();
  const categories = useCategories();
  const home = me.homeRegion;
  const restricted = mode === 'restricted';
  const keepHint = mode === 'create' ? undefined : '留空表示不修改';

  return (
    <Row gutter={16}>
      {!restricted && (
        <>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="组织名称" rules={[required('组织名称'), maxLen(60)]}>
              <Input placeholder="如：幸福里合唱队" data-testid="org-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label="类别" rules={[requiredSelect('类别')]}>
              <Select
                placeholder="请选择类别"
                data-testid="org-form-category"
                options={(categories.data?.categories ?? [])
                  .filter((c) => c.active !== false)
                  .map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
          </Col>
          {mode === 'create' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="regionCode"
                label="所属社区"
                rules={[requiredSelect('所属社区')]}
                initialValue={home && home.level >= 5 ? home.code : undefined}
              >
                <RegionCascader
                  rootCode={home?.code}
                  rootName={home?.name}
                  rootLevel={home?.level}
                  communityOnly
                  placeholder="选择街道 / 社区"
                  testId="org-form-region"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="foundedOn" label="成立日期">
              <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="businessScope" label="业务范围" rules={[required('业务范围'), maxLen(500)]}>
              <Input.TextArea rows={2} placeholder="如：组织居民开展合唱排练和社区演出" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="venue" label="活动场所" rules={[required('活动场所'), maxLen(200)]}>
              <Input placeholder="如：社区党群服务中心二楼活动室" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leaderName" label="负责人姓名" rules={[required('负责人姓名'), maxLen(30)]}>
              <Input data-testid="org-form-leader" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leaderIdNumber" label="负责人身份证号" rules={[idNumberRule]} extra={keepHint}>
              <Input maxLength={18} placeholder="18位身份证号码" data-testid="org-form-id" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leaderPhone" label="负责人电话" rules={[phoneRule]} extra={keepHint}>
              <Input placeholder="手机号或带区号的固定电话" data-testid="org-form-phone" />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} md={12}>
        <Form.Item name="contactName" label="联系人" rules={[maxLen(30)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="contactPhone" label="联系电话" rules={[phoneRule]} extra={keepHint}>
          <Input placeholder="手机号或带区号的固定电话" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="partyStatus" label="党建情况" initialValue="none">
          <Select options={partyOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="isHub" label="枢纽型组织" valuePropName="checked" initialValue={false}>
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="charter" label="简易章程" rules={[maxLen(5000)]}>
          <Input.TextArea rows={3} placeholder="宗旨、活动方式、成员权利义务等（可选）" />
        </Form.Item>
      </Col>
    </Row>
  );
}
