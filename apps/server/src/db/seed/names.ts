/**
 * Deterministic generators of realistic demo data (people, phones, ID numbers,
 * organization names, scopes, venues), shared by the demo seed and the bench generator.
 * Everything draws from a seeded PRNG so the same seed yields the same data.
 */
import { makeIdNumber } from '@linli/core';

/** mulberry32: small, fast, good enough for demo data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  /** Picks a key by weight: `{ a: 3, b: 1 }` gives a three times as often as b. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(list: readonly T[]): T[] {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 10);
    return s;
  }
  /** A version-4-shaped UUID drawn from the PRNG (stable demo ids). */
  uuid(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
      return s;
    };
    const variant = '89ab'[Math.floor(this.next() * 4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
export const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
export const dateMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** A random date (YYYY-MM-DD) between two dates inclusive. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const a = dateMs(from);
  const b = dateMs(to);
  if (b <= a) return from;
  return isoDate(a + rng.int(0, Math.round((b - a) / DAY)) * DAY);
}

export function addDaysIso(date: string, days: number): string {
  return isoDate(dateMs(date) + days * DAY);
}

/** A timestamp on a business date, during office hours in Asia/Shanghai. */
export function officeTime(rng: Rng, date: string): Date {
  return new Date(dateMs(date) + (rng.int(9, 17) - 8) * 3_600_000 + rng.int(0, 59) * 60_000);
}

// ---------------------------------------------------------------- people

const SURNAMES: readonly string[] = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔',
);
const COMPOUND_SURNAMES: readonly string[] = ['欧阳', '司徒', '上官'];
const MALE_CHARS: readonly string[] = Array.from(
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁建国志海峰文东林庆德荣永俊立新宏振家安兴福生龙元全成祥锋浩宇晨博健毅松',
);
const FEMALE_CHARS: readonly string[] = Array.from(
  '芳娜敏静丽艳娟霞秀玲桂英红萍燕梅琳莉兰凤洁琴云华慧雪婷颖倩淑珍月春玉翠欣佳蓉晓丹瑶悦思雅露彩美素秋银金凤巧爱',
);

export type Sex = 'male' | 'female';

export function personName(rng: Rng, sex: Sex = rng.chance(0.5) ? 'male' : 'female'): string {
  const chars = sex === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const surname = rng.chance(0.97) ? rng.pick(SURNAMES) : rng.pick(COMPOUND_SURNAMES);
  return surname + rng.pick(chars) + (rng.chance(0.72) ? rng.pick(chars) : '');
}

/** Surname for display names such as 王科长. */
export const surname = (rng: Rng) => rng.pick(SURNAMES.slice(0, 40));

/** Address codes of 深圳市 districts (4403xx), incl. the historic 市辖区 440301. */
export const SHENZHEN_ADDRESS_CODES: readonly string[] =
  '440301 440303 440304 440305 440306 440307 440308 440309 440310 440311'.split(' ');

/** A valid GB 11643 ID number with a real birth date in [fromYear, toYear]. */
export function idNumber(
  rng: Rng,
  opts: { sex: Sex; fromYear: number; toYear: number; addressCodes?: readonly string[] },
): { id: string; birthDate: string } {
  const birthDate = dateBetween(rng, `${opts.fromYear}-01-01`, `${opts.toYear}-12-28`);
  const address = rng.pick(opts.addressCodes ?? SHENZHEN_ADDRESS_CODES);
  let seq = rng.int(0, 499) * 2; // even
  if (opts.sex === 'male') seq += 1; // odd for men
  const first17 = `${address}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return { id: makeIdNumber(first17), birthDate };
}

const MOBILE_PREFIXES: readonly string[] =
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 177 180 181 182 183 185 186 187 188 189 199'.split(
    ' ',
  );

export const mobile = (rng: Rng) => rng.pick(MOBILE_PREFIXES) + rng.digits(8);

// ---------------------------------------------------------------- regions

/** '南头城社区居委会' → '南头城', '西丽村村民委员会' → '西丽村', '前海合作区虚拟社区' → '前海合作区'. */
export function communityShortName(name: string): string {
  for (const suffix of [
    '社区居民委员会',
    '社区居委会',
    '居民委员会',
    '居委会',
    '虚拟社区',
    '社区',
    '村民委员会',
    '村委会',
  ]) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  }
  return name;
}

/** What residents call the place: '南头城社区', '西丽村', '前海合作区'. */
export function communityLabel(name: string): string {
  const short = communityShortName(name);
  if (name.endsWith('虚拟社区')) return short;
  if (/村(民委员会|委会)$/.test(name)) return short.endsWith('村') ? short : `${short}村`;
  return `${short}社区`;
}

// ---------------------------------------------------------------- organizations

/** Kinds of Shenzhen-scheme categories; the scheme's category codes map onto these. */
export type CategoryKind = 'charity' | 'life' | 'affairs' | 'culture';

type OrgTemplate = { name: string; scope: string; activities: readonly string[] };

/** Name stems by category kind. `name` is appended to a place label (and maybe a modifier). */
export const ORG_TEMPLATES: Readonly<Record<CategoryKind, readonly OrgTemplate[]>> = {
  culture: [
    {
      name: '夕阳红舞蹈队',
      scope: '组织中老年居民开展广场舞、民族舞排练与展演，丰富社区文化生活',
      activities: ['每周例行排练', '重阳节文艺汇演', '广场舞比赛'],
    },
    {
      name: '太极拳队',
      scope: '组织居民晨练太极拳、八段锦，普及传统健身知识',
      activities: ['晨练集体教学', '太极拳展示交流', '健身知识讲座'],
    },
    {
      name: '合唱团',
      scope: '组织居民开展合唱排练与演出，参加社区及街道文艺活动',
      activities: ['合唱排练', '七一红歌会演出', '新年音乐会'],
    },
    {
      name: '书画社',
      scope: '组织书法、国画爱好者开展创作、交流和作品展览',
      activities: ['迎春写春联送福', '书画作品展', '书法公益课堂'],
    },
    {
      name: '读书会',
      scope: '组织居民开展阅读分享、亲子共读和读书沙龙活动',
      activities: ['月度读书分享会', '亲子共读活动', '世界读书日好书交换'],
    },
    {
      name: '乒乓球队',
      scope: '组织乒乓球爱好者开展训练和友谊比赛',
      activities: ['周末训练', '社区乒乓球友谊赛', '街道联赛'],
    },
    {
      name: '粤剧社',
      scope: '传承粤剧粤曲艺术，组织排练、演出和进校园活动',
      activities: ['粤曲演唱交流', '粤剧进校园', '中秋粤曲晚会'],
    },
    {
      name: '摄影俱乐部',
      scope: '组织摄影爱好者外拍创作、技术交流和社区影像记录',
      activities: ['社区影像记录', '摄影技巧分享', '摄影作品展'],
    },
    {
      name: '健步走队',
      scope: '组织居民开展健步走、登山等全民健身活动',
      activities: ['周末健步走', '登山健身活动', '健康步道打卡'],
    },
    {
      name: '葫芦丝乐队',
      scope: '组织民乐爱好者开展葫芦丝、二胡等器乐学习与演出',
      activities: ['器乐排练', '社区文艺晚会演出', '民乐公益课'],
    },
    {
      name: '象棋社',
      scope: '组织棋类爱好者开展对弈交流和比赛',
      activities: ['象棋擂台赛', '棋艺交流', '少儿象棋公益课'],
    },
    {
      name: '羽毛球队',
      scope: '组织羽毛球爱好者开展训练与友谊赛',
      activities: ['周末训练', '羽毛球友谊赛', '亲子羽毛球日'],
    },
    {
      name: '诗词社',
      scope: '组织诗词爱好者开展诵读、创作与交流',
      activities: ['诗词诵读会', '中秋诗会', '诗词进校园'],
    },
    {
      name: '模特队',
      scope: '组织中老年居民开展形体训练和时装展示',
      activities: ['形体训练', '旗袍秀展演', '社区文化节演出'],
    },
  ],
  affairs: [
    {
      name: '平安巡逻队',
      scope: '协助开展社区治安巡逻、防盗防骗宣传和安全隐患排查',
      activities: ['夜间治安巡逻', '反诈骗宣传', '节前安全隐患排查'],
    },
    {
      name: '调解工作室',
      scope: '调解邻里纠纷、物业矛盾和家庭矛盾，促进社区和谐',
      activities: ['邻里纠纷调解', '物业矛盾协调会', '法律知识讲座'],
    },
    {
      name: '居民议事会',
      scope: '组织居民就社区公共事务开展议事协商，收集反馈居民意见',
      activities: ['社区公共事务议事会', '加装电梯协商会', '居民意见收集'],
    },
    {
      name: '楼栋长联谊会',
      scope: '联络楼栋长开展信息传达、邻里走访和楼栋自治',
      activities: ['楼栋长例会', '入户走访', '楼道环境整治'],
    },
    {
      name: '垃圾分类督导队',
      scope: '开展垃圾分类宣传、定时定点督导和环境卫生监督',
      activities: ['垃圾分类定点督导', '分类知识进家庭', '旧物回收日'],
    },
    {
      name: '文明劝导队',
      scope: '开展文明养犬、文明出行、不文明行为劝导',
      activities: ['文明养犬劝导', '电动车规范停放劝导', '文明出行宣传'],
    },
    {
      name: '消防志愿队',
      scope: '开展消防安全宣传、隐患巡查和应急演练协助',
      activities: ['消防安全宣传', '高层住宅消防巡查', '应急疏散演练'],
    },
    {
      name: '业主互助会',
      scope: '协助业主参与小区事务、监督物业服务、协商解决公共问题',
      activities: ['物业服务评议', '小区公共收益公示监督', '业主恳谈会'],
    },
    {
      name: '法律服务站',
      scope: '为居民提供法律咨询、普法宣传和矛盾化解服务',
      activities: ['法律咨询日', '宪法宣传周活动', '老年人防诈骗讲座'],
    },
  ],
  life: [
    {
      name: '邻里互助会',
      scope: '组织邻里互帮互助，为独居老人、困难家庭提供上门探访和生活帮扶',
      activities: ['独居老人上门探访', '邻里节百家宴', '互助积分兑换'],
    },
    {
      name: '四点半课堂',
      scope: '为双职工家庭儿童提供课后托管、作业辅导和兴趣活动',
      activities: ['课后作业辅导', '暑期兴趣课堂', '安全教育课'],
    },
    {
      name: '长者服务队',
      scope: '为社区长者提供助餐、助洁、陪诊和精神慰藉服务',
      activities: ['长者生日会', '助餐送餐服务', '陪同就医服务'],
    },
    {
      name: '便民维修队',
      scope: '为居民提供家电维修、水电维修、磨刀修伞等便民服务',
      activities: ['便民维修服务日', '家电义修', '为困难家庭上门维修'],
    },
    {
      name: '健康服务小组',
      scope: '开展健康讲座、义诊、慢性病管理和健康知识普及',
      activities: ['社区义诊', '慢性病健康讲座', '免费测血压血糖'],
    },
    {
      name: '亲子成长营',
      scope: '组织亲子活动、家庭教育讲座和儿童自然探索',
      activities: ['亲子手工活动', '家庭教育讲座', '自然探索营'],
    },
    {
      name: '义剪服务队',
      scope: '为长者、残疾人和困难居民提供免费理发服务',
      activities: ['月度义剪', '上门为卧床老人理发', '敬老义剪活动'],
    },
    {
      name: '养犬文明协会',
      scope: '推动文明养犬，开展宠物防疫宣传和养犬人互助',
      activities: ['狂犬疫苗接种宣传', '文明养犬承诺签名', '宠物友好日'],
    },
    {
      name: '托育互助会',
      scope: '组织家长开展婴幼儿照护互助和育儿经验交流',
      activities: ['育儿经验分享会', '婴幼儿照护讲座', '亲子绘本时光'],
    },
  ],
  charity: [
    {
      name: '志愿服务队',
      scope: '组织居民参与社区志愿服务，开展环境清洁、助老助残和应急服务',
      activities: ['社区环境清洁日', '助老志愿服务', '学雷锋志愿服务'],
    },
    {
      name: '爱心帮扶队',
      scope: '为困难家庭、孤寡老人提供结对帮扶和物资援助',
      activities: ['困难家庭走访慰问', '春节送温暖', '爱心物资募集'],
    },
    {
      name: '助残服务队',
      scope: '为残疾人提供康复陪伴、出行协助和就业支持',
      activities: ['残疾人康复陪伴', '助残日关爱活动', '无障碍出行协助'],
    },
    {
      name: '关爱儿童服务队',
      scope: '关爱留守、流动和困境儿童，开展陪伴学习和心理关怀',
      activities: ['陪伴学习', '六一关爱活动', '儿童心理关怀讲座'],
    },
    {
      name: '慈善互助会',
      scope: '募集社区慈善资源，开展扶贫济困和微心愿认领',
      activities: ['微心愿认领', '慈善义卖', '99公益日社区募捐'],
    },
    {
      name: '环保公益队',
      scope: '开展环保宣传、公园护绿和旧物循环利用活动',
      activities: ['公园护绿行动', '旧物改造工作坊', '海滩净滩活动'],
    },
    {
      name: '爱心义工站',
      scope: '组织义工开展社区公益服务和志愿者培训',
      activities: ['义工培训', '社区公益集市', '敬老院慰问'],
    },
    {
      name: '应急救护队',
      scope: '普及急救知识，开展应急救护培训和大型活动保障',
      activities: ['心肺复苏培训', 'AED使用演示', '社区活动医疗保障'],
    },
  ],
};

/** Words that set two organizations of the same kind apart. */
export const NAME_MODIFIERS: readonly string[] = [''].concat(
  '银龄 阳光 和谐 幸福 木棉 红棉 彩虹 向日葵 青年 同心 友邻 春晖 蓝天 海韵 金色年华 欢乐 暖心 启航 星光'.split(
    ' ',
  ),
);

/** Registered organizations carry their legal form in the name. */
export const REGISTERED_SUFFIX: Readonly<Record<CategoryKind, readonly string[]>> = {
  culture: ['文体协会', '文化艺术协会', '体育健身协会'],
  affairs: ['社区发展促进会', '人民调解服务中心', '社区治理服务中心'],
  life: ['社区服务中心', '长者服务中心', '家庭综合服务中心'],
  charity: ['志愿者协会', '公益服务中心', '慈善会'],
};

export type OrgIdea = { name: string; scope: string; activities: readonly string[] };

/** A name idea for an organization of a kind and tier in a place (the caller checks uniqueness). */
export function orgIdea(
  rng: Rng,
  kind: CategoryKind,
  tier: 'group' | 'filed' | 'registered',
  place: string,
  legalPrefix: string,
  attempt = 0,
): OrgIdea {
  const t = rng.pick(ORG_TEMPLATES[kind]);
  const modifier =
    attempt === 0 ? (rng.chance(0.25) ? rng.pick(NAME_MODIFIERS) : '') : rng.pick(NAME_MODIFIERS);
  const extra = attempt > 8 ? `（${attempt - 7}）` : '';
  if (tier === 'registered') {
    const suffix = rng.pick(REGISTERED_SUFFIX[kind]);
    return {
      name: `${legalPrefix}${place}${modifier}${suffix}${extra}`,
      scope: t.scope,
      activities: t.activities,
    };
  }
  return { name: `${place}${modifier}${t.name}${extra}`, scope: t.scope, activities: t.activities };
}

const VENUE_ROOMS = [
  '党群服务中心二楼活动室',
  '党群服务中心一楼多功能厅',
  '党群服务中心三楼会议室',
  '党群服务中心四楼舞蹈室',
  '长者服务站',
  '文化广场',
  '邻里中心',
  '综合文化服务中心阅览室',
  '公园健身广场',
] as const;

export const venue = (rng: Rng, place: string) => `${place}${rng.pick(VENUE_ROOMS)}`;

/** A simple charter (简易章程) for filed and registered organizations. */
export function charter(name: string, scope: string, place: string): string {
  return [
    `第一条 本组织名称为${name}。`,
    `第二条 本组织是由${place}居民自愿组成的非营利性社区社会组织，遵守宪法、法律法规和国家政策，践行社会主义核心价值观。`,
    `第三条 本组织的业务范围：${scope}。`,
    '第四条 凡居住或工作在本社区、认同本章程的居民均可自愿申请加入，会员有权自愿退出。',
    '第五条 本组织设负责人一名，由成员大会选举产生，任期三年，可连选连任。',
    '第六条 本组织经费来源于成员自愿捐赠、政府购买服务和社区资助，收支定期向成员公开。',
    '第七条 本组织接受社区党委和居委会的指导以及街道办事处的监督管理。',
    '第八条 本章程经成员大会通过后生效。',
  ].join('\n');
}
