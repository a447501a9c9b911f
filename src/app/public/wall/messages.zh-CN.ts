/** The 双公开 wall's texts (public bundle). */
export const wallMessages = {
  wall: {
    title: '{unit} 双公开',
    subtitle: '政务公开 · 村务公开：事情让群众知道、管理让群众参与、村务让群众决策、干部让群众监督',
    disclosures: '村务公开',
    townshipDisclosures: '政务公开',
    archived: '往期公开',
    none: '暂无公开内容',
    period: '公开期间：{from} 至 {to}',
    publishedAt: '发布于 {date}',
    photo: '公开照片 {n}',
    more: '更多公开',
    livelihood: '民生实事清单及进展',
    catalogue: '公众参与事项年度目录',
    poster: '打印二维码海报',
    category: {
      poverty_alleviation: '脱贫攻坚',
      rural_revitalization: '乡村振兴',
      village_finance: '村级财务',
      farm_policy: '惠农政策',
      elderly_care: '养老服务',
      social_assistance: '社会救助',
    },
    posterTitle: '扫码查看{unit}双公开',
    posterHint: '用手机微信或浏览器扫描二维码，查看村务公开、政务公开',
    print: '打印',
    paperSize: '纸张',
  },
}

export type WallMessages = typeof wallMessages
