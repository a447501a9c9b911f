/**
 * 议事日台账: one row per discussion day — when, where, in which form, its
 * topics with their outcomes, the policies interpreted first (先解读再议事),
 * the mediators sent, attendance and the sign-off. A private day shows a
 * mediator only what the meeting kind's view leaves them.
 */
import { MEETING_KIND, meetingDataSchema } from '../meeting/meeting.schema.ts'
import type {
  MeetingData,
  MeetingForm,
  MeetingStatus,
  TopicOutcome,
} from '../meeting/meeting.schema.ts'
import {
  dateCell,
  defineLedger,
  grouped,
  instantCell,
  lines,
  readWith,
} from './ledger.definition.ts'

const FORM_LABELS: Readonly<Record<MeetingForm, string>> = {
  fireside_talk: '围炉夜话',
  eaves_classroom: '屋檐课堂',
  collective: '集体共议',
  fellowship: '联谊协商',
  point_to_point: '点对点',
}

const STATUS_LABELS: Readonly<Record<MeetingStatus, string>> = {
  planned: '已计划',
  held: '已召开',
  signed_off: '已签认',
  cancelled: '已取消',
}

const OUTCOME_LABELS: Readonly<Record<TopicOutcome, string>> = {
  agreed: '达成共识',
  resolved: '就地化解',
  escalated: '吹哨上报',
  deferred: '暂缓再议',
}

export const meetingLedger = defineLedger<MeetingData>({
  id: 'meetings',
  title: '议事日台账',
  kind: MEETING_KIND,
  read: readWith(meetingDataSchema),
  dateOf: (day) => day.date,
  columns: [
    { header: '议事日期', width: 8, value: (day) => dateCell(day.date) },
    { header: '村社', width: 10, value: (day, context) => context.unitName(day.orgPath) },
    { header: '议事形式', width: 6, value: (day) => FORM_LABELS[day.form] },
    { header: '地点', width: 10, value: (day) => day.place },
    grouped('议事情况', [
      { header: '议题', width: 20, value: (day) => lines(day.topics.map((topic) => topic.title)) },
      {
        header: '议事结果',
        width: 20,
        value: (day) =>
          lines(
            day.topics.map(
              (topic) =>
                `${topic.title}：${topic.outcome ? OUTCOME_LABELS[topic.outcome] : '未记录'}${topic.minutes ? `（${topic.minutes}）` : ''}`,
            ),
          ),
      },
    ]),
    {
      header: '解读政策',
      width: 16,
      value: (day) =>
        lines(
          day.policies.map((policy) =>
            policy.documentNumber ? `${policy.title}（${policy.documentNumber}）` : policy.title,
          ),
        ),
    },
    {
      header: '解事员',
      width: 10,
      value: (day) => day.mediators.map((mediator) => mediator.name).join('、'),
    },
    {
      header: '到会人数',
      width: 4,
      summary: 'sum',
      value: (day) => day.signIn?.count ?? null,
    },
    { header: '状态', width: 5, value: (day) => STATUS_LABELS[day.status] },
    { header: '签认人', width: 6, value: (day) => day.signedOff?.byName ?? '' },
    { header: '签认日期', width: 8, value: (day) => instantCell(day.signedOff?.at) },
  ],
})
