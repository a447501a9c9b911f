/**
 * 解事员花名册: one row per mediator of the pool — level, unit, who they are
 * (人员类别), what they know, their training, yearly assessments and
 * honours, and their participation: discussion days held or signed off that
 * they were sent to, touring classes they gave, sessions of their studios —
 * counted by the rules of the pool's cards (participationCounts,
 * outreachCounts) over the records the requester may see, all time.
 */
import type {
  MediatorData,
  MediatorGrade,
  MediatorLevel,
  MediatorType,
} from '../meeting/mediator.schema.ts'
import { mediatorDataSchema } from '../meeting/mediator.schema.ts'
import { MEDIATOR_KIND } from '../meeting/mediator.kind.ts'
import { participationCounts } from '../meeting/meeting.rules.ts'
import { MEETING_KIND, meetingDataSchema } from '../meeting/meeting.schema.ts'
import { outreachCounts } from '../meeting/outreach.counts.ts'
import {
  STUDIO_KIND,
  studioDataSchema,
  TOURING_CLASS_KIND,
  touringClassDataSchema,
} from '../meeting/outreach.schema.ts'
import {
  bump,
  countOf,
  defineLedger,
  grouped,
  instantCell,
  lines,
  readWith,
  yesNo,
  type LedgerContext,
  type LedgerTally,
} from './ledger.definition.ts'

const LEVEL_LABELS: Readonly<Record<MediatorLevel, string>> = {
  county: '县级',
  township: '乡镇级',
  village: '村级',
}

const TYPE_LABELS: Readonly<Record<MediatorType, string>> = {
  party_cadre: '党员干部',
  resident_work_team: '驻村工作队',
  five_elders: '五老',
  new_sage: '新乡贤',
  grid_worker: '网格员',
  courtyard_head: '院落长',
  people_mediator: '人民调解员',
  legal_literate: '法律明白人',
  township_judge: '一镇街一法官',
  township_procurator: '一乡一检察官',
  village_police: '一村一警',
  legal_adviser: '村法律顾问',
  legal_worker: '基层法律服务工作者',
}

const GRADE_LABELS: Readonly<Record<MediatorGrade, string>> = {
  excellent: '优秀',
  competent: '称职',
  basically_competent: '基本称职',
  incompetent: '不称职',
}

/** A pool member with its record id, which the counts are keyed by. */
type RosterRow = MediatorData & { id: string }

const readMediator = readWith(mediatorDataSchema)
const readDay = readWith(meetingDataSchema.pick({ status: true, mediators: true }))
const readClass = readWith(touringClassDataSchema.pick({ mediators: true }))
const readStudio = readWith(studioDataSchema.pick({ sessions: true }))

/** Days, classes and studio sessions per pool member. */
const participation: LedgerTally = {
  kinds: [MEETING_KIND, TOURING_CLASS_KIND, STUDIO_KIND],
  add(counts, kind, data) {
    const day = kind === MEETING_KIND ? readDay(data) : null
    for (const [id, days] of participationCounts(day ? [day] : [])) bump(counts, id, 'days', days)
    const given = kind === TOURING_CLASS_KIND ? readClass(data) : null
    const studio = kind === STUDIO_KIND ? readStudio(data) : null
    const outreach = outreachCounts(given ? [given] : [], studio ? [studio] : [])
    for (const [id, { classes, studioSessions }] of outreach) {
      bump(counts, id, 'classes', classes)
      bump(counts, id, 'studioSessions', studioSessions)
    }
  },
}

/** A participation figure as a cell. */
const taking = (name: string, header: string) => ({
  header,
  group: '参与情况',
  width: 4,
  summary: 'sum' as const,
  value: (mediator: RosterRow, context: LedgerContext) => countOf(context, mediator.id, name),
})

export const mediatorLedger = defineLedger<RosterRow>({
  id: 'mediators',
  title: '解事员花名册',
  kind: MEDIATOR_KIND,
  read: (data, id) => {
    const mediator = readMediator(data)
    return mediator && { ...mediator, id }
  },
  tally: participation,
  dateOf: (mediator) => mediator.createdAt.slice(0, 10),
  columns: [
    { header: '姓名', width: 5, value: (mediator) => mediator.name },
    { header: '层级', width: 4, value: (mediator) => LEVEL_LABELS[mediator.level] },
    {
      header: '所在单位',
      width: 10,
      value: (mediator, context) => context.unitName(mediator.orgPath),
    },
    {
      header: '人员类别',
      width: 10,
      value: (mediator) => mediator.types.map((type) => TYPE_LABELS[type]).join('、'),
    },
    { header: '工作单位', width: 10, value: (mediator) => mediator.affiliation ?? '' },
    grouped('培训考评', [
      {
        header: '培训',
        width: 16,
        value: (mediator) =>
          lines(
            mediator.trainings.map(
              (training) =>
                `${training.date} ${training.title}${training.hours ? `（${training.hours}学时）` : ''}`,
            ),
          ),
      },
      {
        header: '考评',
        width: 10,
        value: (mediator) =>
          lines(
            mediator.assessments.map(
              (assessment) => `${assessment.year}年 ${GRADE_LABELS[assessment.grade]}`,
            ),
          ),
      },
      {
        header: '荣誉',
        width: 12,
        value: (mediator) =>
          lines(mediator.honours.map((honour) => `${honour.year}年 ${honour.title}`)),
      },
    ]),
    taking('days', '议事日'),
    taking('classes', '巡讲课堂'),
    taking('studioSessions', '工作室接待'),
    { header: '在册', width: 3, value: (mediator) => yesNo(mediator.isActive) },
    { header: '入库日期', width: 8, value: (mediator) => instantCell(mediator.createdAt) },
  ],
})
