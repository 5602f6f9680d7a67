/** The county's target workbook as a county office writes it: shared by the io and e2e suites of --targets. */
export const HEAD = ['乡镇', '指标名称', '单位', '年度', '目标值', '调整后目标', '调整日期', '调整文号'];
/** A county office's sheet: title, a note, the header, rows of three years. */
export const goodRows = (): unknown[][] => [
  ['青川县小城市培育试点主要指标目标（2014-2016年）'],
  ['县培育办制表'],
  HEAD,
  ['云峰镇', '地区生产总值', '亿元', 2015, 50, 45, new Date(Date.UTC(2015, 6, 15)), '青培育办〔2015〕12号'],
  ['云峰镇', '财政总收入', '万元', '2015年', 60000, 55000, '2015年11月15日', '青培育办〔2015〕30号'],
  ['云峰', '城镇化率', '%', 2015, 62, null, null, null],
  ['云峰镇', 'GDP', '亿元', 2016, 60, null, null, null],
  ['东溪镇', '固投', '亿元', 2015, 12, null, null, null],
];
