import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The livelihood item and the residents' ranking outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  livelihood_item: { title: (data) => textOf(data.name), link: (id) => `/livelihood/${id}` },
  livelihood_ranking: { title: (data) => textOf(data.title), link: () => '/livelihood/rankings' },
}
