/**
 * What the public page may see of a consultation (seed 000: disclose before,
 * during and after the decision): the draft and its background, the period,
 * how many opinions came in, the answered ones anonymised — their text, the
 * channel, the township (never the village: in a small village the place
 * and the words can name the person), no name or phone — and, once
 * decided, the result and implementation plan. Unanswered opinions are not
 * shown: the department has not read them yet, and the page would otherwise
 * publish whatever anyone typed.
 */
import type { Kysely } from 'kysely'
import { chinaDate } from '#shared/calendar/working-days.ts'
import type { ConsultationData } from '#shared/consultation/consultation.schema.ts'
import type { OpinionData } from '#shared/consultation/opinion.schema.ts'
import type { PublicAnswer, PublicConsultation } from '#shared/consultation/public-consultation.ts'
import { pathIds } from '#shared/org/org-path.ts'
import type { DatabaseSchema } from '../db/database-schema.ts'
import { findOrgUnit, listSubtree } from '../org/org.repository.ts'

type Db = Kysely<DatabaseSchema>

/** The states the public may see: after opening (a draft, or an exempt one, is not disclosed). */
const DISCLOSED = new Set(['open', 'closed', 'answered', 'submitted', 'decided'])

/** True when the consultation's page is public. */
export function isDisclosed(consultation: ConsultationData): boolean {
  return DISCLOSED.has(consultation.status) && consultation.exemption === null
}

/** Open on China date `today`: opened and within its period. */
export function isOpenOn(consultation: ConsultationData, today: string): boolean {
  return (
    consultation.status === 'open' &&
    consultation.opensOn <= today &&
    today <= consultation.closesOn
  )
}

/** An opinion's answer as the public sees it. */
export function publicAnswer(answer: OpinionData['answer']): PublicAnswer | null {
  if (!answer) return null
  return {
    verdict: answer.verdict,
    reason: answer.reason,
    answeredOn: chinaDate(answer.answeredAt),
  }
}

/** Names of units by id, looked up once each. */
export function unitNames(db: Db) {
  const names = new Map<string, Promise<string>>()
  return (id: string) => {
    let name = names.get(id)
    if (!name) {
      name = findOrgUnit(db, id).then((unit) => unit?.name ?? '')
      names.set(id, name)
    }
    return name
  }
}

/** The villages a person may say they are from: the concerned ones, and those of concerned townships. */
export async function concernedVillages(
  db: Db,
  consultation: ConsultationData,
): Promise<{ path: string; name: string }[]> {
  const villages = new Map<string, string>()
  for (const path of consultation.concerns) {
    for (const unit of await listSubtree(db, path)) {
      if (unit.tier === 'village') villages.set(unit.path, unit.name)
    }
  }
  return [...villages].map(([path, name]) => ({ path, name }))
}

/** The township id of a unit path (county / township / …), or null above it or for a department. */
function townshipId(path: string): string | null {
  const ids = pathIds(path)
  return ids.length >= 3 ? (ids[1] ?? null) : null
}

export async function toPublicConsultation(
  db: Db,
  id: string,
  consultation: ConsultationData,
  opinions: readonly OpinionData[],
  now: Date,
): Promise<PublicConsultation> {
  const nameOf = unitNames(db)
  const answered = await Promise.all(
    opinions.flatMap((opinion) => {
      const answer = publicAnswer(opinion.answer)
      if (!answer) return []
      const township = townshipId(opinion.unitPath)
      return [
        (async () => ({
          text: opinion.text,
          channel: opinion.channel,
          townshipName: township ? await nameOf(township) : '',
          answer,
        }))(),
      ]
    }),
  )
  const { decision } = consultation
  return {
    id,
    title: consultation.title,
    type: consultation.type,
    domain: consultation.domain,
    departmentName: await nameOf(pathIds(consultation.department).at(-1) ?? ''),
    status: consultation.status,
    background: consultation.background,
    basis: consultation.basis,
    draftText: consultation.draftText,
    qa: consultation.qa.map(({ question, answer }) => ({ question, answer })),
    opensOn: consultation.opensOn,
    closesOn: consultation.closesOn,
    isOpen: isOpenOn(consultation, chinaDate(now.toISOString())),
    answersDueOn: consultation.answersDue?.date ?? null,
    villages: await concernedVillages(db, consultation),
    opinionCount: opinions.length,
    answered,
    decision: decision
      ? { result: decision.result, implementationPlan: decision.implementationPlan }
      : null,
  }
}
