/** The 双公开 wall's texts (public bundle). */
export const wallMessages = {
  wall: {
    title: '双公开',
    subtitle: '政务公开 · 村务公开',
  },
}

export type WallMessages = typeof wallMessages
