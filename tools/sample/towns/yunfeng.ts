/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 1. 云峰镇: canonical two-header-row layout, section rows, 合计, 主要指标 sheet, hidden 「9月」.
 */
import { addSheet, newBook } from '../cells';
import { Indicator, ind } from '../indicators';
import { writeIndicators, writeStdTable } from '../layouts';
import { AS_OF, Grain, STAFF, Spec, byCategory, earlier, realise } from '../model';
import { FOOTER, Out, TownExpect } from '../out';

/** 云峰镇, the seed town: its thirty key projects (三十大重点项目) drawn from its work report. */
export const YUNFENG_SPECS: Spec[] = [
  { name: '产业转移提升区基础设施一期工程', category: '基础设施', status: '在建', light: 'r', total: 18600, scope: '新建园区道路4.2公里及配套供水、排水、电力管线，平整场地800亩', period: '2013-2016', leader: '陈建国', unit: '产业转移提升区管委会', problems: '政策处理难度大，尚有12处坟墓未迁移、3户厂房未签订拆迁协议' },
  { name: '产业转移提升区综合基础设施（BT）', category: '基础设施', status: '前期', light: null, total: 36000, scope: '提升区拓展至12平方公里，建设道路、桥梁、管网等综合基础设施，采用BT模式建设', period: '2015-2018', leader: '陈建国', unit: '欣达城市建设开发公司', problems: 'BT合作单位尚未确定；用地指标缺口约300亩，需省里单列' },
  { name: '中山街改造及市政配套工程（BT）', category: '基础设施', status: '前期', light: null, total: 12800, scope: '中山街改造1.6公里，拓宽至24米，配套雨污管网、强弱电下地、人行道及绿化', period: '2015-2017', leader: '王立新', unit: '镇村规划建设办公室', problems: '沿街拆迁涉及58户，政策处理方案待县政府审定' },
  { name: '污水处理厂及配套管网工程（BOT）', category: '基础设施', status: '在建', light: 'g', total: 9800, scope: '日处理污水1万吨（一期5000吨），配套截污纳管12公里，BOT模式招商建设', period: '2014-2016', leader: '李晓峰', unit: '城建办', problems: '' },
  { name: '镇区供水管网改造工程', category: '基础设施', status: '在建', light: 'g', total: 2600, scope: '改造镇区老旧供水管网18公里，新建加压泵站1座', period: '2014-2015', leader: '李晓峰', unit: '供排水公司', problems: '' },
  { name: '镇区雨污分流改造工程', category: '基础设施', status: '在建', light: 'y', total: 4500, scope: '老城区雨污分流改造，铺设污水管道9.5公里', period: '2015-2016', leader: '李晓峰', unit: '城建办', problems: '' },
  { name: '环镇北路新建工程', category: '基础设施', status: '在建', light: 'r', total: 7600, scope: '新建城市主干道2.8公里，路幅宽32米，含桥梁1座', period: '2014-2016', leader: '张卫东', unit: '城建办', problems: '涉及林地征占用手续待省林业厅审批，桥梁段无法施工' },
  { name: '云峰大道拓宽改造工程', category: '基础设施', status: '竣工', light: 'g', total: 5200, scope: '拓宽改造云峰大道2.1公里，配套路灯、绿化、人行道', period: '2013-2015', leader: '张卫东', unit: '城建办', problems: '' },
  { name: '农贸市场改造提升工程', category: '基础设施', status: '竣工', light: 'g', total: 1350, scope: '改造农贸市场5200平方米，建设农残检测室及智能化管理系统', period: '2015', leader: '刘红梅', unit: '经济发展办公室', problems: '' },
  { name: '城市街景综合整治工程', category: '基础设施', status: '在建', light: 'y', total: 3800, scope: '按城市街景专项规划整治主要街道沿街立面12万平方米，规范店招店牌', period: '2015-2016', leader: '王立新', unit: '综合行政执法办公室', problems: '' },
  { name: '镇区路灯亮化工程', category: '基础设施', status: '竣工', light: 'g', total: 680, scope: '新装及改造路灯1200盏，主要街道节点亮化', period: '2015', leader: '张卫东', unit: '城建办', problems: '' },
  { name: '机械装备产业园标准厂房一期工程', category: '产业发展', status: '在建', light: 'g', total: 15000, scope: '新建标准厂房12万平方米，引进机械装备企业20家', period: '2014-2016', leader: '周海军', unit: '经济发展办公室', problems: '' },
  { name: '中小企业创业园', category: '产业发展', status: '在建', light: 'r', total: 8500, scope: '建设小微企业创业园厂房6万平方米及配套用房', period: '2015-2016', leader: '周海军', unit: '经济发展办公室', problems: '用地指标未落实，二期60亩无法供地' },
  { name: '云峰机械有限公司年产5万台农用机械技改项目', category: '产业发展', status: '在建', light: 'g', total: 6200, scope: '新增生产线3条及配套设备，新建厂房2.4万平方米', period: '2014-2015', leader: '周海军', unit: '经济发展办公室', problems: '' },
  { name: '云峰商贸综合体', category: '产业发展', status: '在建', light: 'y', total: 22000, scope: '建设商业、酒店、写字楼综合体，总建筑面积11万平方米', period: '2014-2017', leader: '吴志强', unit: '经济发展办公室', problems: '投资企业资金链紧张，施工进度放缓' },
  { name: '现代物流中心', category: '产业发展', status: '前期', light: null, total: 9600, scope: '建设仓储、分拨、配送中心，占地150亩', period: '2016-2018', leader: '吴志强', unit: '经济发展办公室', problems: '土地利用总体规划需调整，用地预审未通过' },
  { name: '生态文化旅游区游客服务中心', category: '产业发展', status: '在建', light: 'r', total: 2400, scope: '按旅游专项规划建设游客服务中心3200平方米、生态停车场及旅游标识系统', period: '2015-2016', leader: '郑国平', unit: '社会事务管理办公室', problems: '' },
  { name: '元古村古村落保护与旅游开发', category: '产业发展', status: '在建', light: 'g', total: 3200, scope: '修缮古民居32幢，建设游步道、民宿集聚区', period: '2014-2016', leader: '郑国平', unit: '农业农村办公室', problems: '' },
  { name: '高山蔬菜精品农业园区', category: '产业发展', status: '在建', light: 'y', total: 1800, scope: '建设高山蔬菜基地2000亩、冷链仓储及农产品交易中心', period: '2014-2016', leader: '郑国平', unit: '农业农村办公室', problems: '' },
  { name: '行政审批服务中心分中心及综合服务中心大楼装修工程', category: '社会事业', status: '竣工', light: 'g', total: 1500, scope: '大楼装修总建筑面积6000平方米，含审批服务大厅、综合服务中心及配套设施', period: '2015', leader: '何美华', unit: '行政审批服务管理办公室', problems: '' },
  { name: '综合执法中心用房改造工程', category: '社会事业', status: '前期', light: null, total: 260, scope: '改造综合执法中心用房600平方米，配置执法车辆及设备', period: '2015-2016', leader: '何美华', unit: '综合行政执法办公室', problems: '县综合执法局尚未成立，组建方案待省编办批准' },
  { name: '云峰镇中心小学迁建工程', category: '社会事业', status: '在建', light: 'r', total: 8800, scope: '新建36班小学，建筑面积2.6万平方米，含风雨操场', period: '2014-2016', leader: '刘红梅', unit: '社会事务管理办公室', problems: '资金缺口约1500万元，二期工程未招标' },
  { name: '云峰中学综合楼工程', category: '社会事业', status: '在建', light: 'g', total: 2100, scope: '新建综合楼8200平方米及400米标准运动场', period: '2015-2016', leader: '刘红梅', unit: '社会事务管理办公室', problems: '' },
  { name: '中心卫生院扩建工程', category: '社会事业', status: '在建', light: 'y', total: 3600, scope: '新建住院楼1.2万平方米，床位150张', period: '2014-2016', leader: '何美华', unit: '社会事务管理办公室', problems: '' },
  { name: '城北安置小区一期工程', category: '社会事业', status: '在建', light: 'r', total: 16500, scope: '建设安置房620套，建筑面积8.5万平方米', period: '2014-2016', leader: '王立新', unit: '镇村规划建设办公室', problems: '农民通过宅基地置换进城积极性不高，签约率仅六成' },
  { name: '新农村建设（元古等6个村）', category: '社会事业', status: '在建', light: 'g', total: 4200, scope: '6个中心村村庄整治、道路硬化、农房改造，推广“元古模式”联户担保融资', period: '2014-2015', leader: '郑国平', unit: '农业农村办公室', problems: '' },
  { name: '云溪水系综合整治工程', category: '生态环境', status: '在建', light: 'r', total: 6800, scope: '按水系专项规划整治云溪河道5.6公里，建设堤防、亲水平台', period: '2014-2016', leader: '吴志强', unit: '城建办', problems: '河道清淤土方外运消纳场地未落实' },
  { name: '滨河公园工程', category: '生态环境', status: '在建', light: 'y', total: 3100, scope: '建设滨河公园8.6万平方米，含绿化、游步道、健身设施', period: '2015-2016', leader: '吴志强', unit: '城建办', problems: '' },
  { name: '垃圾中转站及环卫设施工程', category: '生态环境', status: '竣工', light: 'g', total: 950, scope: '新建垃圾压缩中转站1座，配置环卫车辆12辆', period: '2015', leader: '张卫东', unit: '综合行政执法办公室', problems: '' },
  { name: '城镇山体公园及绿化工程', category: '生态环境', status: '在建', light: 'g', total: 2300, scope: '建设山体公园12万平方米，镇区新增绿地3.5万平方米', period: '2015-2016', leader: '吴志强', unit: '城建办', problems: '' },
];

export const YUNFENG_INDICATORS: Indicator[] = [
  ind('地区生产总值', '地区生产总值', '亿元', true, '亿元', 45, 37.62, 8.6),
  ind('财政总收入', '财政总收入', '亿元', true, '亿元', 4.8, 3.96, 11.2),
  ind('地方财政收入', '地方财政收入', '亿元', true, '亿元', 2.6, 2.13, 9.8),
  ind('固定资产投资', '固定资产投资', '亿元', true, '亿元', 32, 26.85, 18.4),
  ind('规上工业增加值', '规上工业增加值', '亿元', true, '亿元', 12.5, 10.08, 7.3),
  ind('建成区面积', '建成区面积', '平方公里', true, '平方公里', 6.5, 6.2, null),
  ind('建成区常住人口', '建成区常住人口', '万人', true, '万人', 5.2, 4.92, null),
  ind('建成区户籍人口', '建成区户籍人口', '万人', true, '万人', 3.6, 3.41, null),
  ind('城镇化率', '城镇化率', '%', false, '%', 58, 56.3, null),
  ind('户籍人口集聚率', '户籍人口集聚率', '%', false, '%', 42, 40.5, null),
  ind('第三产业增加值占比', '第三产业增加值占比', '%', false, '%', 38, 36.5, null),
  ind('城镇居民人均可支配收入', '城镇居民人均可支配收入', '元', false, '元', 35500, 29860, 9.1),
  ind('农村居民人均纯收入', '农村居民人均纯收入', '元', false, '元', 16800, 13920, 10.2),
  ind('农户贷款余额', '农户贷款余额', '万元', true, '万元', 42000, 39800, 15.6),
  ind('林权抵押贷款余额', '林权抵押贷款余额', '万元', true, '万元', 6000, 5300, 32.5),
  ind('新增建设用地', '新增建设用地', '亩', true, '亩', 600, 480, null),
];

/** 1. 云峰镇: canonical two-header-row layout, section rows, 合计, 主要指标 sheet, hidden 「9月」. */
export async function yunfeng(out: Out): Promise<TownExpect> {
  const town = '云峰镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = byCategory(realise(town, YUNFENG_SPECS, STAFF[town], grain));
  const september = earlier(town, projects, [0.78, 0.9], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表（截至2015年10月31日）`,
    month: 10,
    sections: true,
    total: true,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('张丽萍'),
  });
  const hidden = addSheet(wb, '9月');
  writeStdTable(hidden, september, {
    titleValue: `${town}重点项目推进情况表（截至2015年9月30日）`,
    month: 9,
    sections: true,
    total: true,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('张丽萍', '2015年9月30日'),
  });
  hidden.state = 'hidden';
  const wsi = addSheet(wb, '主要指标');
  writeIndicators(wsi, YUNFENG_INDICATORS, {
    titleText: `${town}主要指标完成情况表（2015年1-10月）`,
    columns: ['seq', 'name', 'unit', 'target', 'actual', 'yoy', 'rate', 'remark'],
    headers: ['序号', '指标名称', '单位', '2015年目标', '1-10月完成', '同比增长%', '完成年度目标%', '备注'],
    notes: [[8, '截至2015年10月31日', 'right']],
    footerText: FOOTER('张丽萍'),
  });
  const file = await out.book('云峰镇重点项目.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: YUNFENG_INDICATORS,
    notes: [
      'Sheet 「重点项目」: two header rows (3-4), 「投资完成情况」 merged over H3:J3; section rows 一、…四、 in column A; 合计 row merged A:E with SUM formulas (cached results).',
      'Sheet 「9月」 is hidden (state hidden): last month\'s table, must not be read.',
      'Sheet 「主要指标」: indicators, catalog names.',
    ],
  };
}
