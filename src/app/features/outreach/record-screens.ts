import { textOf, type RecordScreens } from '#app/records/record-screen.ts'

/** The outreach kinds outside their screens (src/app/records/record-screen.ts). */
export const RECORD_SCREENS: RecordScreens = {
  touring_class: {
    title: (data) => [textOf(data.heldOn), textOf(data.topic)].filter(Boolean).join(' '),
    link: () => '/outreach',
  },
  mediator_studio: { title: (data) => textOf(data.name), link: (id) => `/outreach/studios/${id}` },
}
