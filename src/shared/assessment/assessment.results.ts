/**
 * Results of a campaign, computed the same way on every device and on the
 * server (the trigger): response counts, the distribution of each scale,
 * the share satisfied, and the free-text answers grouped for reading —
 * for the county, each township and each village. Only submitted forms of
 * the campaign's own villages count; withdrawn forms are counted apart.
 */
import { isWithin, pathIds } from '../org/org-path.ts'
import type { OrgTier } from '../org/org.schema.ts'
import {
  SATISFIED_FROM,
  SCALE_QUESTIONS,
  TEXT_QUESTIONS,
  type CampaignData,
  type FormData,
  type ScaleQuestion,
  type TextQuestion,
  type TriggerFinding,
  type TriggerRule,
} from './assessment.schema.ts'

/** A form with its record id. */
export interface FormRow {
  id: string
  data: FormData
}

/** One free-text answer and where it came from. */
export interface TextAnswer {
  formId: string
  villagePath: string
  text: string
}

/** The figures of one area (the county, a township or a village). */
export interface AreaResult {
  path: string
  responses: number
  /** Counts of points 1..5 per question (index 0 is point 1). */
  distribution: Record<ScaleQuestion, [number, number, number, number, number]>
  /** Share of forms rating satisfaction 4 or 5; null without forms. */
  satisfiedShare: number | null
  /** Share of forms naming a shortcoming or a risk; null without forms. */
  concernShare: number | null
  texts: Record<TextQuestion, TextAnswer[]>
}

/** A campaign's results. */
export interface CampaignResults {
  county: AreaResult
  townships: AreaResult[]
  villages: AreaResult[]
  withdrawn: number
  /** Forms of villages (or a department) outside the campaign: kept in the ledger, not counted. */
  outsideCampaign: number
}

function emptyArea(path: string): AreaResult {
  const zeros = (): [number, number, number, number, number] => [0, 0, 0, 0, 0]
  return {
    path,
    responses: 0,
    distribution: {
      effect: zeros(),
      satisfaction: zeros(),
      operability: zeros(),
      reasonableness: zeros(),
    },
    satisfiedShare: null,
    concernShare: null,
    texts: { shortcomings: [], risks: [], suggestions: [] },
  }
}

/** True when the form names a shortcoming or a risk. */
export function raisesConcern(form: FormData): boolean {
  return form.shortcomings.trim().length > 0 || form.risks.trim().length > 0
}

function add(area: AreaResult, row: FormRow, counters: Map<string, number>): void {
  area.responses += 1
  for (const question of SCALE_QUESTIONS) {
    const point = row.data.scores[question]
    area.distribution[question][point - 1] = (area.distribution[question][point - 1] ?? 0) + 1
  }
  if (row.data.scores.satisfaction >= SATISFIED_FROM)
    counters.set(`s:${area.path}`, (counters.get(`s:${area.path}`) ?? 0) + 1)
  if (raisesConcern(row.data))
    counters.set(`c:${area.path}`, (counters.get(`c:${area.path}`) ?? 0) + 1)
  for (const question of TEXT_QUESTIONS) {
    const text = row.data[question].trim()
    if (text) area.texts[question].push({ formId: row.id, villagePath: row.data.villagePath, text })
  }
}

/**
 * True when a form belongs to `campaign` as the campaign itself says: of its
 * issuing department and one of its villages. Only such forms count
 * (results, the post-evaluation trigger); the server refuses others, and
 * any stored before it did are counted apart as outside the campaign.
 */
export function isCampaignForm(
  form: Pick<FormData, 'issuingDepartment' | 'villagePath'>,
  campaign: Pick<CampaignData, 'issuingDepartment' | 'villages'>,
): boolean {
  return (
    form.issuingDepartment === campaign.issuingDepartment &&
    campaign.villages.includes(form.villagePath)
  )
}

/** The township path of a village path (/county/township/). */
function townshipOf(villagePath: string): string {
  const [county, township] = pathIds(villagePath)
  return `/${county ?? ''}/${township ?? ''}/`
}

/**
 * Aggregates `forms` for `campaign` (forms of other campaigns are ignored).
 * Areas are listed by path, villages of the campaign even without forms.
 */
export function aggregateCampaign(
  campaignId: string,
  campaign: Pick<CampaignData, 'villages' | 'issuingDepartment'>,
  forms: readonly FormRow[],
): CampaignResults {
  const counters = new Map<string, number>()
  const countyPath = `/${pathIds(campaign.villages[0] ?? '/')[0] ?? ''}/`
  const county = emptyArea(countyPath)
  const villages = new Map(campaign.villages.map((path) => [path, emptyArea(path)]))
  const townships = new Map<string, AreaResult>()
  for (const path of campaign.villages) townships.set(townshipOf(path), emptyArea(townshipOf(path)))
  let withdrawn = 0
  let outsideCampaign = 0
  // Oldest first, so free texts read in the order they came.
  const ordered = [...forms].sort((a, b) => a.data.submittedAt.localeCompare(b.data.submittedAt))
  for (const row of ordered) {
    if (row.data.campaignId !== campaignId) continue
    if (row.data.status === 'withdrawn') {
      withdrawn += 1
      continue
    }
    const village = villages.get(row.data.villagePath)
    const township = townships.get(townshipOf(row.data.villagePath))
    if (
      !village ||
      !township ||
      !isWithin(row.data.villagePath, countyPath) ||
      !isCampaignForm(row.data, campaign)
    ) {
      outsideCampaign += 1
      continue
    }
    add(county, row, counters)
    add(township, row, counters)
    add(village, row, counters)
  }
  const finish = (area: AreaResult): AreaResult => ({
    ...area,
    satisfiedShare: area.responses ? (counters.get(`s:${area.path}`) ?? 0) / area.responses : null,
    concernShare: area.responses ? (counters.get(`c:${area.path}`) ?? 0) / area.responses : null,
  })
  const byPath = (a: AreaResult, b: AreaResult) => a.path.localeCompare(b.path)
  return {
    county: finish(county),
    townships: [...townships.values()].map(finish).sort(byPath),
    villages: [...villages.values()].map(finish).sort(byPath),
    withdrawn,
    outsideCampaign,
  }
}

/**
 * The post-evaluation trigger: null while the rule is not met, else the
 * figures that met it. Deterministic in the counted forms; the boundaries
 * are "at least `minResponses`", "strictly below" the satisfied share and
 * "at least" the concern share.
 */
export function evaluateTrigger(
  results: CampaignResults,
  rule: TriggerRule,
): TriggerFinding | null {
  const { responses, satisfiedShare, concernShare } = results.county
  if (responses < rule.minResponses || satisfiedShare === null || concernShare === null) return null
  const reasons: TriggerFinding['reasons'] = []
  if (satisfiedShare < rule.satisfiedShareBelow) reasons.push('low_satisfaction')
  if (concernShare >= rule.concernShareAtLeast) reasons.push('many_concerns')
  return reasons.length ? { responses, satisfiedShare, concernShare, reasons } : null
}

/** The area a device's results cover: the forms it holds are those of its user's scope. */
export type ResultScope = 'county' | 'township' | 'village' | 'grid'

/**
 * What the top figure of a device's results really covers, from its user's
 * unit (issue #12.4): a township, village or grid device holds only the
 * forms of its own unit, so its figure is that unit's, never the county's.
 * A department holds every form of its own policies' campaigns, and county
 * staff hold all: both see the county.
 */
export function resultScope(tier: OrgTier): ResultScope {
  // A deputy's device holds no forms; like a department it is not an area of the tree.
  return tier === 'department' || tier === 'deputy' ? 'county' : tier
}
