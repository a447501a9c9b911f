/** The public shell's own texts (layout, text size, 朗读, errors): always loaded. */
export const publicShellMessages = {
  public: {
    brand: '说事 · 公开',
    footer: '本页内容由村（社区）、乡镇（街道）说事站点公开发布',
    largeText: '大字',
    readAloud: '朗读',
    stopReading: '停止朗读',
    loading: '正在加载…',
    offline: '网络不通，请稍后再试',
    notFound: '没有找到这个页面，请核对二维码或链接',
    retry: '重试',
  },
}

export type PublicShellMessages = typeof publicShellMessages
