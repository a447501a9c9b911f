/**
 * The summary and analysis of a consultation's opinions (汇总、整理、分析):
 * counts by channel, village and theme, the verdicts, and the adoption rate
 * that the adoption report (征求意见采纳情况说明) prints. The department's
 * screen and the server's report endpoint compute it with this one function.
 */
import {
  ADOPTED_VERDICTS,
  OPINION_CHANNELS,
  VERDICTS,
  type OpinionChannel,
  type OpinionData,
  type Verdict,
} from './opinion.schema.ts'

/** The figures of one consultation's opinions. */
export interface OpinionSummary {
  total: number
  answered: number
  unanswered: number
  /** Duplicate groups: opinions folded into another count once, under their lead. */
  distinct: number
  byChannel: Record<OpinionChannel, number>
  /** Village path (or '' for opinions heard above village level) → count, most first. */
  byVillage: { villagePath: string; count: number }[]
  /** Theme → count, most first; untagged opinions are not counted here. */
  byTheme: { theme: string; count: number }[]
  byVerdict: Record<Verdict, number>
  /** Adopted or partly adopted over answered, in [0, 1]; null before any answer. */
  adoptionRate: number | null
}

type Counted = Pick<OpinionData, 'channel' | 'villagePath' | 'themes' | 'answer' | 'group'>

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}

function ranked<K extends string>(counts: Map<K, number>): [K, number][] {
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
}

/** The summary of `opinions` (those of one consultation). */
export function summarizeOpinions(opinions: readonly Counted[]): OpinionSummary {
  const byChannel = zeroes(OPINION_CHANNELS)
  const byVerdict = zeroes(VERDICTS)
  const villages = new Map<string, number>()
  const themes = new Map<string, number>()
  let answered = 0
  let adopted = 0
  let distinct = 0
  for (const opinion of opinions) {
    byChannel[opinion.channel] += 1
    villages.set(opinion.villagePath ?? '', (villages.get(opinion.villagePath ?? '') ?? 0) + 1)
    for (const theme of opinion.themes) themes.set(theme, (themes.get(theme) ?? 0) + 1)
    if (opinion.group === null) distinct += 1
    if (opinion.answer) {
      answered += 1
      byVerdict[opinion.answer.verdict] += 1
      if (ADOPTED_VERDICTS.includes(opinion.answer.verdict)) adopted += 1
    }
  }
  return {
    total: opinions.length,
    answered,
    unanswered: opinions.length - answered,
    distinct,
    byChannel,
    byVillage: ranked(villages).map(([villagePath, count]) => ({ villagePath, count })),
    byTheme: ranked(themes).map(([theme, count]) => ({ theme, count })),
    byVerdict,
    adoptionRate: answered === 0 ? null : adopted / answered,
  }
}
