/**
 * 解事员花名册: one row per mediator of the pool — level, unit, who they are
 * (人员类别), what they know, their training, yearly assessments and
 * honours. Participation in discussion days lives in the days' own ledger.
 */
import type {
  MediatorData,
  MediatorGrade,
  MediatorLevel,
  MediatorType,
} from '../meeting/mediator.schema.ts'
import { mediatorDataSchema } from '../meeting/mediator.schema.ts'
import { MEDIATOR_KIND } from '../meeting/mediator.kind.ts'
import { defineLedger, instantCell, lines, readWith, yesNo } from './ledger.definition.ts'

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

export const mediatorLedger = defineLedger<MediatorData>({
  id: 'mediators',
  title: '解事员花名册',
  kind: MEDIATOR_KIND,
  read: readWith(mediatorDataSchema),
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
    {
      header: '培训',
      group: '培训考评',
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
      group: '培训考评',
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
      group: '培训考评',
      width: 12,
      value: (mediator) =>
        lines(mediator.honours.map((honour) => `${honour.year}年 ${honour.title}`)),
    },
    { header: '在册', width: 3, value: (mediator) => yesNo(mediator.isActive) },
    { header: '入库日期', width: 8, value: (mediator) => instantCell(mediator.createdAt) },
  ],
})
