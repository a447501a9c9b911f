/**
 * The sync property test's specs of the kinds of issue #18 (deputies'
 * plans, mediators' touring classes and studios), beside kind-op-specs.ts
 * which lists them with the others. Creates only: their later operations
 * need a standing record of their own, which the property test does not
 * make yet.
 */
import { deputyPlanCreateSchema } from '#shared/deputy/deputy.schema.ts'
import { studioCreateSchema, touringClassCreateSchema } from '#shared/meeting/outreach.schema.ts'
import { PATHS } from './demo-county.ts'
import { standing, TODAY, type KindSpec } from './kind-op-standing.ts'

/** The standing pool member (kind-op-specs.ts makes him in the village as 王五). */
const member = () => ({ id: standing.mediator, name: '王五' })

/** Specs of the oversight and outreach kinds. */
export const OVERSIGHT_SPECS: KindSpec[] = [
  {
    kind: 'touring_class',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: touringClassCreateSchema,
        base: () => ({
          villagePath: PATHS.v1,
          villageName: '柳河村',
          topic: '土地承包法律知识进村',
          basis: '《农村土地承包法》',
          heldOn: TODAY,
          attendance: 30,
          mediators: [member()],
          photos: [],
        }),
        isCreate: true,
      },
    ],
  },
  {
    kind: 'mediator_studio',
    author: 'villageCadre',
    ops: [
      {
        op: 'create',
        schema: studioCreateSchema,
        base: () => ({ orgPath: PATHS.v1, name: '王五调解工作室', leader: member(), members: [] }),
        isCreate: true,
      },
    ],
  },
  {
    kind: 'deputy_plan',
    author: 'county',
    ops: [
      {
        op: 'create',
        schema: deputyPlanCreateSchema,
        base: () => ({
          deputyPath: PATHS.deputy,
          deputyName: '王建国',
          body: 'npc',
          villages: [
            {
              path: PATHS.v1,
              name: '柳河村',
              grids: [{ path: PATHS.g1, name: '第1网格' }],
            },
          ],
          visitsPerPeriod: 1,
          periodMonths: 3,
          startsOn: '2026-01-01',
        }),
        isCreate: true,
      },
    ],
  },
]
