import type { DbOrTx } from '../client';
import { rewardItems } from '../schema';

/** A few offers of the demo community and its street for the points exchange ("金相邻"). */
export async function seedRewardItems(
  tx: DbOrTx,
  o: { communityCode: string; communityName: string; streetCode: string; now: Date },
) {
  const base = { createdAt: o.now, updatedAt: o.now };
  await tx.insert(rewardItems).values([
    {
      ...base,
      name: '环保购物袋',
      description: '社区定制帆布袋一个',
      providerKind: 'community',
      providerName: o.communityName,
      regionCode: o.communityCode,
      pickupPlace: '社区党群服务中心一楼服务台',
      pricePoints: 5,
      stock: 50,
      perPersonLimit: 2,
    },
    {
      ...base,
      name: '义剪服务一次',
      description: '每月第二个周六上午，社区长者饭堂旁',
      providerKind: 'community',
      providerName: o.communityName,
      regionCode: o.communityCode,
      pickupPlace: '社区长者饭堂',
      pricePoints: 8,
      stock: 20,
      perPersonLimit: 1,
    },
    {
      ...base,
      name: '鲜奶一盒（250ml）',
      description: '合作商家提供，凭取货码到店领取',
      providerKind: 'merchant',
      providerName: '好邻居便利店',
      regionCode: o.streetCode,
      pickupPlace: '好邻居便利店收银台',
      pricePoints: 3,
      stock: 100,
      perPersonLimit: null,
    },
  ]);
}
