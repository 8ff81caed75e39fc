/**
 * Seed data for category schemes. Schemes are configuration: the server copies these
 * into its tables, and deployments may edit them.
 */

export interface CategoryDef {
  code: string;
  name: string;
  /** Every community needs at least one live organization of this category (5+X). */
  required: boolean;
  /** The "X" of 5+X: a community's distinctive category. */
  distinctive: boolean;
}

export interface CategoryScheme {
  code: string;
  name: string;
  /** Applies the 5+X rule: every required category plus at least one distinctive one. */
  fivePlusX: boolean;
  categories: readonly CategoryDef[];
}

const plain = (code: string, name: string): CategoryDef => ({
  code,
  name,
  required: false,
  distinctive: false,
});
const required = (code: string, name: string): CategoryDef => ({
  code,
  name,
  required: true,
  distinctive: false,
});

export const shenzhenScheme: CategoryScheme = {
  code: 'shenzhen',
  name: '深圳市社区社会组织分类',
  fivePlusX: false,
  categories: [
    plain('gongyi', '公益慈善'),
    plain('shenghuo', '生活服务'),
    plain('shiwu', '社区事务'),
    plain('wenti', '文体活动'),
  ],
};

export const taicangScheme: CategoryScheme = {
  code: 'taicang-5x',
  name: '太仓市“5+X”分类',
  fivePlusX: true,
  categories: [
    required('charity', '公益慈善类'),
    required('mutual_aid', '居民互助类'),
    required('culture', '文体科教类'),
    required('mediation', '纠纷调处类'),
    required('safety', '平安建设类'),
    { code: 'distinctive', name: '特色类', required: false, distinctive: true },
  ],
};

export const zhejiangScheme: CategoryScheme = {
  code: 'zhejiang',
  name: '浙江省社区社会组织分类',
  fivePlusX: false,
  categories: [
    plain('zizhi', '社区自治类'),
    plain('pingan', '社区平安类'),
    plain('fuwu', '社区服务类'),
    plain('wenti', '社区文体类'),
  ],
};

export const categorySchemes: readonly CategoryScheme[] = [shenzhenScheme, taicangScheme, zhejiangScheme];

export function findCategoryScheme(code: string): CategoryScheme | undefined {
  return categorySchemes.find((s) => s.code === code);
}

/** Chinese name of a category in a scheme; the code itself when unknown. */
export function categoryName(scheme: Pick<CategoryScheme, 'categories'>, code: string): string {
  return scheme.categories.find((c) => c.code === code)?.name ?? code;
}
