// 新材料产业集群 — 复合材料与增强纤维、绝缘材料、防腐材料与涂装、导热界面材料、特种金属材料。
// Each group lists terms a purchasing engineer treats as the same thing (buyer wording and supplier wording).
// Lookalikes are kept apart on purpose: 碳纤维结构件 vs 碳纤维发热线, 物流托盘 vs 电池托盘, 环氧富锌 vs 无机富锌,
// 导热垫片 vs 导热凝胶 vs 相变导热片.

export const SYNONYMS: readonly (readonly string[])[] = [
	// 复合材料与纤维
	['复合材料', '复材', 'composites'],
	['纤维增强复合材料', '纤维增强塑料', 'FRP', 'fiber reinforced polymer'],
	['玻璃钢', '玻璃纤维增强塑料', '玻璃纤维增强复合材料', 'GFRP'],
	['碳纤维复合材料', '碳纤维增强复合材料', '碳纤维增强塑料', '碳纤复材', 'CFRP'],
	['碳纤维', '碳纤', 'carbon fiber'],
	['碳纤维管', '碳纤维圆管', '碳纤维卷管', '卷制碳管', '碳管', 'carbon fiber tube'],
	['碳纤维板', '碳纤维平板', '碳板', 'carbon fiber sheet'],
	['预浸料', '预浸布', 'prepreg'],
	['模压成型', '模压', 'compression molding'],
	['拉挤成型', '拉挤', 'pultrusion'],
	['缠绕成型', '纤维缠绕', '缠绕工艺', 'filament winding'],
	['玻璃纤维', '玻纤', 'glass fiber'],
	['芳纶纸', '芳纶绝缘纸', 'Nomex纸', 'aramid paper'],
	// 绝缘材料
	['绝缘材料', '电工绝缘材料', '电气绝缘材料', 'insulation materials'],
	['槽绝缘', '槽绝缘材料', '槽绝缘纸', '槽衬', 'slot insulation'],
	['相间绝缘', '相间绝缘材料', 'phase insulation'],
	['柔软复合材料', '柔软复合绝缘材料', '柔软复合绝缘纸', '复合绝缘纸', 'flexible laminates'],
	['H级绝缘', 'H级耐热', '耐热等级H级', 'class H insulation'],
	['耐电晕', '抗电晕', 'corona resistant'],
	['聚酰亚胺薄膜', '聚酰亚胺膜', 'PI膜', 'PI薄膜', 'polyimide film', 'Kapton'],
	['云母绝缘制品', '云母制品', '云母绝缘材料'],
	['环氧玻璃布层压板', '环氧玻纤板', '玻纤环氧板', '环氧板', 'epoxy glass laminate'],
	['槽楔', '电机槽楔', 'slot wedge'],
	['PTFE', '聚四氟乙烯', '特氟龙', 'Teflon'],
	// 防腐材料与涂装
	['防腐材料', '防腐蚀材料', 'anticorrosion materials'],
	[
		'重防腐涂料',
		'重防腐漆',
		'重防腐涂层',
		'长效防腐涂料',
		'长效防腐涂层',
		'heavy-duty anticorrosive coating',
	],
	['防腐涂装', '防腐涂装工程', '钢结构防腐涂装', '防腐施工'],
	['环氧富锌', '环氧富锌底漆', '环氧富锌漆', 'epoxy zinc-rich primer'],
	['环氧云铁', '环氧云铁中间漆', '环氧云母氧化铁', 'MIO'],
	['氟碳面漆', '氟碳漆', '氟碳涂料', 'FEVE氟碳漆', 'fluorocarbon coating'],
	['玻璃鳞片涂料', '玻璃鳞片', '乙烯基酯玻璃鳞片', '鳞片涂料', 'glass flake coating'],
	// 导热界面材料
	['导热界面材料', '热界面材料', 'TIM', 'thermal interface material'],
	['导热垫片', '导热硅胶片', '导热硅胶垫', '导热片', '导热垫', 'thermal pad', 'gap pad'],
	['导热凝胶', '可点胶导热凝胶', '单组份导热凝胶', 'thermal gel', 'gap filler'],
	['导热硅脂', '导热膏', '散热膏', 'thermal grease'],
	['相变导热片', '相变化导热片', '相变导热材料', 'phase change thermal pad'],
	['UL94 V-0', 'UL94V-0', 'V-0阻燃', 'V0级阻燃', 'V-0级'],
	// 金属材料与其他
	['特种金属材料', '特种合金', '特种金属'],
	['物流托盘', '叉车托盘', '栈板', '卡板', 'pallet'],
]
