/** The starting 议事清单 of every demo township. */
import type { Kysely } from 'kysely'
import type { DiscussableItem } from '#shared/discussable/discussable-list.ts'
import type { OrgUnit } from '#shared/org/org.schema.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { insertItem } from './discussable.repository.ts'

/** A starting discussable-items list for every demo township, in the seed's terms. */
const DEMO_LIST: readonly Omit<
  DiscussableItem,
  'id' | 'townshipId' | 'updatedAt' | 'updatedByName'
>[] = [
  {
    title: '村内道路、路灯、水渠等公益设施的建设与维护',
    verdict: 'discussable',
    basis: null,
    keywords: ['路灯', '道路', '水渠', '修路', '桥'],
    tags: ['infrastructure'],
    note: '',
  },
  {
    title: '村容村貌与人居环境整治',
    verdict: 'discussable',
    basis: null,
    keywords: ['垃圾', '污水', '环境', '卫生', '乱堆'],
    tags: ['environment'],
    note: '',
  },
  {
    title: '集体经济收益分配与公益事业筹资筹劳',
    verdict: 'discussable',
    basis: null,
    keywords: ['分红', '集体收益', '筹资', '一事一议'],
    tags: ['other'],
    note: '',
  },
  {
    title: '邻里纠纷的协商调解',
    verdict: 'discussable',
    basis: null,
    keywords: ['邻居', '邻里', '占道', '宅基地界'],
    tags: ['neighbour_dispute'],
    note: '',
  },
  {
    title: '土地征收补偿标准',
    verdict: 'not_discussable',
    basis: 'law',
    keywords: ['征地', '征收', '补偿标准'],
    tags: ['land'],
    note: '由《土地管理法》及省市规定确定，可向乡镇说事处反映、由部门解读',
  },
  {
    title: '养老保险、医保缴费标准与待遇',
    verdict: 'not_discussable',
    basis: 'party_policy',
    keywords: ['养老保险', '医保', '缴费标准', '社保'],
    tags: ['social_security'],
    note: '按国家政策执行，可申请政策解读',
  },
  {
    title: '涉嫌违法犯罪的事项',
    verdict: 'not_discussable',
    basis: 'beyond_autonomy',
    keywords: ['打人', '盗窃', '诈骗', '赌博'],
    tags: [],
    note: '超出村民自治范围，依法移交公安机关',
  },
]

/**
 * Writes the demo list into every township among `units`, with fixed ids, so
 * an item that already exists (edited or not) is left as it is.
 */
export async function seedDemoList(
  db: Kysely<DatabaseSchema>,
  units: readonly OrgUnit[],
  now: string,
): Promise<void> {
  for (const township of units.filter((unit) => unit.tier === 'township')) {
    for (const [index, item] of DEMO_LIST.entries()) {
      await insertItem(
        db,
        {
          ...item,
          keywords: [...item.keywords],
          tags: [...item.tags],
          id: `demo-list-${township.id}-${index + 1}`,
          townshipId: township.id,
          updatedAt: now,
          updatedByName: '演示数据',
        },
        { ifAbsent: true },
      )
    }
  }
}
