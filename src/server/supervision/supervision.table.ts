import type { Generated } from 'kysely'

/** Row types of the supervision tables (migration 2026_11_27_1105_create_supervision). */

/** The facts of one synced record that the supervision figures count. */
export interface SupervisionFactTable {
  record_key: string
  kind: FactKind
  day: string
  township_path: string | null
  village_path: string | null
  grid_path: string | null
  dept_path: string | null
  category: string | null
  channel: string | null
  status: string | null
  title: string | null
  escalated: Generated<number>
  dispatched: Generated<number>
  resolved_locally: Generated<number>
  closed: Generated<number>
  stage_accept: number | null
  stage_village: number | null
  stage_township: number | null
  stage_department: number | null
  stage_feedback: number | null
  open_stage: string | null
  open_due: string | null
  handling_days: number | null
  satisfaction: string | null
  reopen_count: Generated<number>
  topics: Generated<number>
  agreed: Generated<number>
  resolved_topics: Generated<number>
  escalated_topics: Generated<number>
  deferred_topics: Generated<number>
  mediators: Generated<number>
  form_satisfied: Generated<number>
}

/** The record kinds the figures count. */
export type FactKind = 'issue' | 'meeting' | 'form' | 'policy' | 'post_evaluation'

/** One indicator weight or target, or a threshold, as the county set it. */
export interface SupervisionStandardTable {
  key: string
  value: number
  updated_at: string
  updated_by_name: string
}

/**
 * How many facts of one kind, unit pair and month have one measure
 * (migration 2026_11_27_1200_create_supervision_count; see summary.ts).
 */
export interface SupervisionCountTable {
  kind: string
  level: string
  parent: string
  month: string
  child: string
  measure: string
  due: string
  n: number
}
