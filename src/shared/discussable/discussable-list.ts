/**
 * The discussable-items list (《村民议事会议事内容清单》, seed 002 §1): each
 * township states what its villages' councils may deliberate. Matters on
 * which the Party's policy or the law already rule, or that lie beyond
 * village self-government, may not be put to deliberation. Capture suggests
 * the list's verdict for a new report; the village may override it with a
 * reason (the issue's `set_discussable` transition).
 */
import { z } from 'zod'
import { optionalText, text } from '../common/text.schema.ts'
import { DOMAIN_TAGS, type DomainTag } from '../common/tags.ts'

/** Why an item may not be deliberated, in the seed's words. */
export const NOT_DISCUSSABLE_BASES = ['party_policy', 'law', 'beyond_autonomy'] as const
export type NotDiscussableBasis = (typeof NOT_DISCUSSABLE_BASES)[number]

export const LIST_VERDICTS = ['discussable', 'not_discussable'] as const
export type ListVerdict = (typeof LIST_VERDICTS)[number]

const keywordSchema = text({ max: 20, missing: '关键词不能为空', tooLong: '每个关键词不超过20字' })

/** What a township writes for one item of its list. */
export const discussableItemInputSchema = z
  .object({
    title: text({ max: 60, missing: '请填写事项名称', tooLong: '事项名称不超过60字' }),
    verdict: z.enum(LIST_VERDICTS, { error: '请选择可议或不可议' }),
    /** Required when not discussable: which rule keeps it off the agenda. */
    basis: z.enum(NOT_DISCUSSABLE_BASES, { error: '请选择不可议的依据' }).nullable(),
    /** Words that, found in a report's title or description, point to this item. */
    keywords: z
      .array(keywordSchema, { error: '关键词格式不正确' })
      .min(1, '请至少填写一个关键词')
      .max(20, '关键词不超过20个'),
    tags: z.array(z.enum(DOMAIN_TAGS, { error: '领域标签不正确' })).max(DOMAIN_TAGS.length),
    note: optionalText({
      max: 200,
      missing: '说明格式不正确',
      tooLong: '说明不超过200字',
      multiline: true,
    }).default(''),
  })
  .refine((item) => item.verdict === 'discussable' || item.basis !== null, {
    path: ['basis'],
    message: '请选择不可议的依据',
  })
  .refine((item) => item.verdict === 'not_discussable' || item.basis === null, {
    path: ['basis'],
    message: '可议事项无需填写不可议依据',
  })
export type DiscussableItemInput = z.input<typeof discussableItemInputSchema>

/** An item as stored and served. */
export const discussableItemSchema = z.object({
  id: z.string(),
  townshipId: z.string(),
  title: z.string(),
  verdict: z.enum(LIST_VERDICTS),
  basis: z.enum(NOT_DISCUSSABLE_BASES).nullable(),
  keywords: z.array(z.string()),
  tags: z.array(z.enum(DOMAIN_TAGS)),
  note: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string(),
})
export type DiscussableItem = z.infer<typeof discussableItemSchema>

export const discussableListSchema = z.object({
  townshipId: z.string(),
  items: z.array(discussableItemSchema),
})
export type DiscussableList = z.infer<typeof discussableListSchema>

/** What the list says of a report: the verdict and the item that gave it. */
export interface ListSuggestion {
  verdict: ListVerdict
  item: DiscussableItem
  /** The keywords of the item found in the report. */
  matched: string[]
}

/**
 * The list's verdict for a report, or null when no item speaks to it. An item
 * speaks when one of its keywords is in the title or description; a shared
 * domain tag counts for less and never on its own. The strongest match wins;
 * on a tie "not discussable" wins, because putting a matter the law already
 * settles to a vote misleads residents more than asking the village to decide.
 */
export function suggestVerdict(
  report: { title: string; description: string; tags: readonly DomainTag[] },
  items: readonly DiscussableItem[],
): ListSuggestion | null {
  const text = `${report.title}\n${report.description}`.toLowerCase()
  let best: (ListSuggestion & { score: number }) | null = null
  for (const item of items) {
    const matched = item.keywords.filter((keyword) => text.includes(keyword.toLowerCase()))
    if (matched.length === 0) continue
    const sharesTag = item.tags.some((tag) => report.tags.includes(tag))
    const score = matched.length * 2 + (sharesTag ? 1 : 0)
    const better =
      !best ||
      score > best.score ||
      (score === best.score && item.verdict === 'not_discussable' && best.verdict === 'discussable')
    if (better) best = { verdict: item.verdict, item, matched, score }
  }
  return best && { verdict: best.verdict, item: best.item, matched: best.matched }
}
