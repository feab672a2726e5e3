// Cross-cluster procurement and manufacturing words: ways of sourcing (来图/来料/OEM/ODM/外协), common processes,
// inspection, surface treatments and commercial terms.
// Each group lists terms a purchasing engineer treats as the same thing. Words that are often used together but are
// not the same service stay apart: 来图加工 ≠ 来料加工 ≠ OEM ≠ ODM, 钣金 ≠ 冲压, 喷漆 ≠ 喷塑, MIG ≠ MAG.

export const SYNONYMS: readonly (readonly string[])[] = [
	// 合作方式
	['来图加工', '按图加工', '按图纸加工', '来图定制', '图纸定制', 'build to print'],
	['来料加工', '带料加工', '客供料加工', '来料代工'],
	[
		'代工',
		'代加工',
		'代工生产',
		'OEM',
		'OEM代工',
		'贴牌',
		'贴牌生产',
		'贴牌代工',
		'委托加工',
		'委托生产',
		'受托生产',
		'contract manufacturing',
	],
	['ODM', 'ODM代工', '设计代工', '原始设计制造', 'original design manufacturing'],
	['外协加工', '外协', '委外加工', '外委加工', '外包加工', '外发加工'],
	['EPC', 'EPC总包', '工程总承包', '交钥匙工程', '交钥匙总包', 'turnkey'],
	// 成型与加工
	['注塑', '注塑成型', '注射成型', '注塑加工', '注射模塑', 'injection molding'],
	['CNC', 'CNC加工', '数控加工', '数控机加工', '精密机加工', 'CNC machining'],
	['钣金', '钣金加工', '薄板加工', 'sheet metal fabrication'],
	['冲压', '冲压加工', '冲压成型', 'stamping'],
	['SMT', 'SMT贴片', 'SMT贴装', '表面贴装', '贴片加工', 'surface mount technology'],
	['自动化上下料', '自动上下料', '自动化上料', '机器人上下料'],
	// 焊接
	['激光焊接', '激光焊', 'laser welding'],
	['超声波焊接', '超声焊接', 'ultrasonic welding'],
	['搅拌摩擦焊', '搅拌摩擦焊接', 'FSW', 'friction stir welding'],
	['MIG焊', '熔化极惰性气体保护焊', 'MIG welding'],
	['CMT焊接', '冷金属过渡焊', 'CMT', 'cold metal transfer'],
	// 表面处理
	['阳极氧化', '阳极化', '阳极氧化处理', 'anodizing'],
	['电泳', '电泳涂装', '电泳漆', '阴极电泳', 'E-coat'],
	['喷塑', '粉末喷涂', '静电粉末喷涂', 'powder coating'],
	['热浸镀锌', '热镀锌', '热浸锌', 'hot-dip galvanizing', 'HDG'],
	['防眩光', '防眩', '抗眩光', 'AG处理', 'AG玻璃', 'anti-glare'],
	['防指纹', '抗指纹', 'AF镀膜', 'AF涂层', 'anti-fingerprint'],
	['增透膜', '减反射膜', '抗反射膜', 'AR膜', 'AR镀膜', 'anti-reflection coating'],
	// 检测
	['三坐标检测', '三坐标测量', 'CMM检测', 'CMM', 'coordinate measuring machine'],
	['气密检测', '气密性检测', '气密测试', '泄漏测试', 'leak test'],
	['氦检', '氦质谱检漏', '氦气检漏', 'helium leak test'],
	['无损检测', '无损探伤', 'NDT', 'non-destructive testing'],
	['超声波探伤', '超声波检测', '超声检测', 'UT检测', 'ultrasonic testing'],
	['洁净室', '洁净厂房', '无尘室', '无尘车间', '净化车间', 'cleanroom'],
	['液冷板', '水冷板', '液冷冷板', 'cold plate'],
	// 商务与交付
	['小批量试产', '小批量试制', '试产', '试制', 'pilot run'],
	['送样', '打样', '样件', 'sampling'],
	['交期', '交货期', '交付周期', 'lead time'],
	['最小起订量', '起订量', '最低起订量', 'MOQ'],
	['质保', '保修', '质保期', '保修期', 'warranty'],
	['安装调试', '现场调试', '安装与调试', 'installation and commissioning'],
	['PPAP', '生产件批准程序', '生产件批准', 'production part approval process'],
	['备品备件', '备件', '备品', 'spare parts'],
]
