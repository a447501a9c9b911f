import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The deputy kinds outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  deputy_plan: { title: (data) => textOf(data.deputyName), link: () => '/deputies' },
  deputy_visit: {
    title: (data) => [textOf(data.visitedOn), textOf(data.villageName)].filter(Boolean).join(' '),
    link: (id) => `/deputies/visits/${id}`,
  },
}
