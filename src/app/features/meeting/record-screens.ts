import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The meeting and mediator kinds outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  meeting: {
    title: (data) => [textOf(data.date), textOf(data.place)].filter(Boolean).join(' '),
    link: (id) => `/meetings/${id}`,
  },
  mediator: { title: (data) => textOf(data.name), link: () => '/mediators' },
}
