/**
 * Contract-shaped stand-ins (docs/API.md) for endpoints the server does not have yet, so the
 * screenshot run can still show those pages. Used only when the live server answers 404
 * "接口不存在"; every use is logged as MOCK.
 */
type Json = unknown;

const categories = [
  { code: 'gongyi', name: '公益慈善', required: true, distinctive: false, sort: 1, active: true },
  { code: 'shenghuo', name: '生活服务', required: true, distinctive: false, sort: 2, active: true },
  { code: 'shiwu', name: '社区事务', required: true, distinctive: false, sort: 3, active: true },
  { code: 'wenti', name: '文体活动', required: true, distinctive: false, sort: 4, active: true },
];

function coverage(url: URL): Json {
  const code = url.searchParams.get('regionCode') ?? '440305001000';
  const street = code.endsWith('000000') === false && code.slice(9) === '000';
  const communities = ['南头城', '大新', '大汪山', '红花园', '南联', '前海', '星海名城', '同乐'].map(
    (n, i) => ({
      code: `440305001${String(i + 1).padStart(3, '0')}`,
      name: `${n}社区居委会`,
      streetName: '南头街道',
      areaType: 'urban',
      count: [9, 6, 4, 12, 15, 7, 3, 16][i],
      target: 15,
      meetsTarget: [9, 6, 4, 12, 15, 7, 3, 16][i] >= 15,
      gap: Math.max(0, 15 - [9, 6, 4, 12, 15, 7, 3, 16][i]),
      missingRequired: i % 3 === 0 ? ['gongyi'] : [],
      hasDistinctive: true,
      meetsFivePlusX: i % 3 !== 0,
      lacks:
        [9, 6, 4, 12, 15, 7, 3, 16][i] >= 15
          ? []
          : [
              `还差 ${15 - [9, 6, 4, 12, 15, 7, 3, 16][i]} 个组织（目标 15 个）`,
              ...(i % 3 === 0 ? ['缺少公益慈善类组织'] : []),
            ],
    }),
  );
  return {
    region: street
      ? {
          code,
          name: '南头街道',
          level: 4,
          parentCode: '440305000000',
          areaType: null,
          path: [
            { code: '440300000000', name: '深圳市', level: 2 },
            { code: '440305000000', name: '南山区', level: 3 },
            { code, name: '南头街道', level: 4 },
          ],
        }
      : {
          code: '440305000000',
          name: '南山区',
          level: 3,
          parentCode: '440300000000',
          areaType: null,
          path: [
            { code: '440300000000', name: '深圳市', level: 2 },
            { code: '440305000000', name: '南山区', level: 3 },
          ],
        },
    targets: { urban: 15, rural: 5, hubStreetRatio: 0.85 },
    scheme: { code: 'shenzhen', name: '深圳四类', fivePlusX: false },
    totals: {
      organizations: 128,
      byTier: { group: 41, filed: 66, registered: 21 },
      byCategory: categories.map((c, i) => ({ code: c.code, name: c.name, count: [38, 27, 35, 28][i] })),
      byStatus: { active: 118, dormant: 6, exiting: 2, exited: 2 },
    },
    children: street
      ? communities.map((c) => ({
          code: c.code,
          name: c.name,
          level: 5,
          organizations: c.count,
          communities: 1,
          communitiesMeeting: c.meetsTarget ? 1 : 0,
          ratio: c.meetsTarget ? 1 : 0,
        }))
      : ['南头街道', '南山街道', '沙河街道', '蛇口街道', '招商街道', '粤海街道', '桃源街道', '西丽街道'].map(
          (n, i) => ({
            code: `440305${String(i + 1).padStart(3, '0')}000`,
            name: n,
            level: 4,
            organizations: [46, 20, 12, 15, 9, 11, 8, 7][i],
            communities: [15, 10, 8, 12, 9, 10, 8, 11][i],
            communitiesMeeting: [3, 1, 0, 1, 0, 1, 0, 0][i],
            ratio: [3, 1, 0, 1, 0, 1, 0, 0][i] / [15, 10, 8, 12, 9, 10, 8, 11][i],
            hubStreets: i < 6 ? 1 : 0,
            streets: 1,
          }),
        ),
    communities,
    belowTarget: communities.filter((c) => !c.meetsTarget).length,
    hub: { streetsWithHub: 6, streets: 8, ratio: 0.75, target: 0.85, meets: false },
  };
}

const grant = (role: string, roleLabel: string, regionName: string | null) => ({
  id: `${role}-g`,
  role,
  roleLabel,
  regionCode: null,
  regionName,
  organizationId: null,
  organizationName: null,
});

const fixtures: [RegExp, (url: URL) => Json][] = [
  [
    /\/v1\/categories$/,
    () => ({ scheme: { code: 'shenzhen', name: '深圳四类', fivePlusX: false }, categories }),
  ],
  [/\/v1\/dashboard\/coverage$/, coverage],
  [
    /\/v1\/category-schemes$/,
    () => ({
      items: [
        { code: 'shenzhen', name: '深圳四类', fivePlusX: false, active: true, version: 1, categories },
        {
          code: 'taicang',
          name: '太仓“5+X”',
          fivePlusX: true,
          active: false,
          version: 1,
          categories: ['公益慈善类', '居民互助类', '文体科教类', '纠纷调处类', '平安建设类', '特色类'].map(
            (name, i) => ({
              code: `tc${i + 1}`,
              name,
              required: i < 5,
              distinctive: i === 5,
              sort: i + 1,
              active: true,
            }),
          ),
        },
      ],
    }),
  ],
  [/\/v1\/settings\/coverage-targets$/, () => ({ urban: 15, rural: 5, hubStreetRatio: 0.85, version: 1 })],
  [
    /\/v1\/users$/,
    () => ({
      items: [
        {
          id: 'u1',
          username: 'admin',
          displayName: '系统管理员',
          status: 'active',
          version: 1,
          grants: [grant('admin', '系统管理员', null)],
        },
        {
          id: 'u2',
          username: 'city',
          displayName: '深圳市民政局 王科长',
          status: 'active',
          version: 1,
          grants: [grant('city_officer', '市民政局', '深圳市')],
        },
        {
          id: 'u3',
          username: 'street',
          displayName: '南头街道办事处 李主任',
          status: 'active',
          version: 1,
          grants: [grant('street_officer', '街道办事处', '南头街道')],
        },
        {
          id: 'u4',
          username: 'community',
          displayName: '南头城社区居委会 张主任',
          status: 'disabled',
          version: 2,
          grants: [grant('community_staff', '社区居委会', '南头城社区居委会')],
        },
      ],
      total: 4,
      page: 1,
      pageSize: 20,
    }),
  ],
  [
    /\/v1\/audit$|\/audit$/,
    () => ({
      items: [
        {
          seq: 1042,
          at: '2026-11-21T15:17:00.000Z',
          actorName: '南头城社区居委会 张主任',
          action: 'application.pass',
          entityType: 'application',
          entityId: '9cf18850-150a-4316-88c2-33d03b8d7b45',
          regionCode: '440305001001',
          before: { state: 'community_review', version: 2 },
          after: { state: 'street_review', version: 3 },
        },
        {
          seq: 1041,
          at: '2026-11-20T09:02:00.000Z',
          actorName: '南头街道办事处 李主任',
          action: 'organization.reveal',
          entityType: 'organization',
          entityId: 'ea9a4d0b-f983-44e5-b8a9-ec2489afd92f',
          regionCode: '440305001005',
          before: null,
          after: { field: 'leaderIdNumber' },
        },
      ],
      total: 2,
      page: 1,
      pageSize: 20,
    }),
  ],
  [
    /\/members$/,
    () => ({
      items: [
        {
          id: 'm1',
          name: '熊宁',
          role: '负责人',
          phoneMasked: '157****7546',
          joinedOn: '2026-02-10',
          leftOn: null,
          version: 1,
        },
        {
          id: 'm2',
          name: '陶娟',
          role: '骨干',
          phoneMasked: '150****8500',
          joinedOn: '2026-02-10',
          leftOn: null,
          version: 1,
        },
        {
          id: 'm3',
          name: '叶倩',
          role: '成员',
          phoneMasked: null,
          joinedOn: '2026-03-01',
          leftOn: '2026-09-30',
          version: 2,
        },
      ],
      total: 3,
      page: 1,
      pageSize: 20,
    }),
  ],
  [
    /\/ledger-activities$/,
    () => ({
      items: [
        {
          id: 'l1',
          heldOn: '2026-11-15',
          title: '社区乒乓球友谊赛',
          place: '南头城社区文化广场',
          participants: 32,
          description: '邀请周边社区居民参加，共 8 支队伍',
        },
        {
          id: 'l2',
          heldOn: '2026-10-20',
          title: '周末训练',
          place: '社区党群服务中心',
          participants: 15,
          description: '',
        },
      ],
    }),
  ],
];

export function fixtureFor(url: URL): Json | undefined {
  const path = url.pathname.replace(/^\/api/, '');
  const hit = fixtures.find(([re]) => re.test(path));
  return hit ? hit[1](url) : undefined;
}
