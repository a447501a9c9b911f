import { describe, expect, it } from 'vitest'
import { DEMO_ACTORS, DEMO_PATHS, recordOpinion } from './consultation.fixtures.ts'
import { summarizeOpinions } from './consultation.summary.ts'
import type { OpinionData, Verdict } from './opinion.schema.ts'

function answered(opinion: OpinionData, verdict: Verdict): OpinionData {
  return {
    ...opinion,
    answer: { verdict, reason: '理由', answeredAt: '', answeredBy: '', answeredByName: '' },
  }
}

describe('opinion summary', () => {
  it('counts by channel, village, theme and verdict, and the adoption rate', () => {
    const grid = recordOpinion()
    const cadre = recordOpinion({ channel: 'visit' }, DEMO_ACTORS.siblingVillageCadre)
    const opinions = [
      answered({ ...grid, themes: ['补贴标准'] }, 'adopted'),
      answered({ ...grid, themes: ['补贴标准', '年龄'], group: 'x' }, 'not_adopted'),
      answered(cadre, 'partly_adopted'),
      answered(cadre, 'already_provided'),
      { ...grid, answer: null },
    ]
    const summary = summarizeOpinions(opinions)
    expect(summary).toMatchObject({ total: 5, answered: 4, unanswered: 1, distinct: 4 })
    expect(summary.byChannel).toMatchObject({ hearing: 3, visit: 2, public: 0 })
    expect(summary.byVillage).toEqual([
      { villagePath: DEMO_PATHS.village, count: 3 },
      { villagePath: DEMO_PATHS.siblingVillage, count: 2 },
    ])
    expect(summary.byTheme).toEqual([
      { theme: '补贴标准', count: 2 },
      { theme: '年龄', count: 1 },
    ])
    expect(summary.byVerdict).toEqual({
      adopted: 1,
      partly_adopted: 1,
      not_adopted: 1,
      already_provided: 1,
    })
    expect(summary.adoptionRate).toBe(0.5)
  })

  it('has no adoption rate before any answer', () => {
    expect(summarizeOpinions([]).adoptionRate).toBeNull()
  })
})
