import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { idNumberRule, maxLen, phoneRule, required, requiredSelect } from '../../lib/rules';
import { useCategories } from '../reference/api';

/** 备案申请表 fields. With `keepPii`, empty ID/phone fields keep what is on file. */
export function FilingFormFields({ keepPii = false }: { keepPii?: boolean }) {
  const categories = useCategories();
  const keep = keepPii ? '已登记，留空表示不修改' : undefined;
  const piiRequired = keepPii ? [] : [required('负责人身份证号')];
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="name" label="组织名称" rules={[required('组织名称'), maxLen(60)]}>
          <Input placeholder="须包含地域、字号、行业特点，如：幸福里社区合唱团" data-testid="filing-name" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="category" label="类别" rules={[requiredSelect('类别')]}>
          <Select
            placeholder="请选择类别"
            data-testid="filing-category"
            options={(categories.data?.categories ?? [])
              .filter((c) => c.active !== false)
              .map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="businessScope" label="业务范围" rules={[required('业务范围'), maxLen(500)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="venue" label="活动场所" rules={[required('活动场所'), maxLen(200)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="foundedOn" label="成立日期">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="leaderName" label="负责人姓名" rules={[required('负责人姓名'), maxLen(30)]}>
          <Input data-testid="filing-leader" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="leaderIdNumber"
          label="负责人身份证号"
          rules={[...piiRequired, idNumberRule]}
          extra={keep}
        >
          <Input maxLength={18} data-testid="filing-id" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="leaderPhone"
          label="负责人电话"
          rules={[...(keepPii ? [] : [required('负责人电话')]), phoneRule]}
          extra={keep}
        >
          <Input data-testid="filing-phone" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="memberCount"
          label="成员人数"
          rules={[
            { required: true, message: '请填写成员人数' },
            { type: 'number', min: 1, message: '成员人数至少1人' },
          ]}
        >
          <InputNumber min={1} max={100000} style={{ width: '100%' }} data-testid="filing-members" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="contactName" label="联系人" rules={[maxLen(30)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={[phoneRule]}
          extra={keepPii ? '留空表示不修改' : undefined}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="charter" label="简易章程" rules={[required('简易章程'), maxLen(5000)]}>
          <Input.TextArea
            rows={4}
            placeholder="宗旨、业务范围、组织机构、负责人产生程序、成员权利义务、活动规则等"
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="note" label="备注" rules={[maxLen(500)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Col>
    </Row>
  );
}
