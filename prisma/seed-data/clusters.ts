// The nine industrial clusters of 《咸宁市工业主导产业链群发展实施方案（2026—2030年）》, in the plan's order,
// each with a first industrial-chain tree (上游原料/零部件 → 中游加工制造 → 下游应用/产品) derived from the plan's text.

export type SeedChainNode = {
	slug: string
	name: string
	stage: 'UPSTREAM' | 'MIDSTREAM' | 'DOWNSTREAM'
	children?: SeedChainNode[]
}

export type SeedCluster = {
	slug: string
	name: string
	nameEn: string
	summary: string
	sortOrder: number
	nodes: SeedChainNode[]
}

export const CLUSTERS: SeedCluster[] = [
	{
		slug: 'low-carbon-metallurgy',
		name: '低碳冶金产业集群',
		nameEn: 'Low-carbon Metallurgy Cluster',
		summary:
			'延伸废钢铁回收—加工—配送—冶炼一体化产业链，推动产品向新能源汽车板材、装配式结构钢、高技术船舶用钢等领域延伸。支持赤壁市做强再生资源产业，咸安区做优铝基材产业。',
		sortOrder: 1,
		nodes: [
			{
				slug: 'scrap-steel-recycling',
				name: '废钢铁回收',
				stage: 'UPSTREAM',
				children: [
					{ slug: 'scrap-processing', name: '废钢破碎加工', stage: 'UPSTREAM' },
					{ slug: 'scrap-distribution', name: '废钢配送', stage: 'UPSTREAM' },
				],
			},
			{ slug: 'recycled-resources', name: '再生资源综合利用', stage: 'UPSTREAM' },
			{
				slug: 'steelmaking',
				name: '短流程电炉冶炼',
				stage: 'MIDSTREAM',
				children: [{ slug: 'refined-steel', name: '精品钢', stage: 'MIDSTREAM' }],
			},
			{ slug: 'hot-rolled-strip', name: '热轧板材', stage: 'MIDSTREAM' },
			{
				slug: 'aluminum-base-materials',
				name: '铝基材',
				stage: 'MIDSTREAM',
				children: [
					{ slug: 'aluminum-extrusion', name: '铝型材挤压', stage: 'MIDSTREAM' },
					{ slug: 'aluminum-sheet', name: '铝板带箔', stage: 'MIDSTREAM' },
				],
			},
			{ slug: 'nev-auto-steel', name: '新能源汽车板材', stage: 'DOWNSTREAM' },
			{ slug: 'prefab-structural-steel', name: '装配式结构钢', stage: 'DOWNSTREAM' },
			{ slug: 'ship-steel', name: '高技术船舶用钢', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'electronics',
		name: '电子信息产业集群',
		nameEn: 'Electronic Information Cluster',
		summary:
			'抢抓武汉建设“光芯屏端网”万亿产业集群机遇，承接武汉电子信息产业供应链外溢。大力发展电子功能材料、新型显示模组、汽车电子、光通信元器件、芯片封装测试等产品，打造武汉光谷的配套、转化和承载基地。',
		sortOrder: 2,
		nodes: [
			{
				slug: 'electronic-functional-materials',
				name: '电子功能材料',
				stage: 'UPSTREAM',
				children: [{ slug: 'magnetic-materials', name: '磁性材料', stage: 'UPSTREAM' }],
			},
			{
				slug: 'electronic-components',
				name: '电子元器件',
				stage: 'UPSTREAM',
				children: [
					{ slug: 'passive-components', name: '被动元件（电感/电容/电阻）', stage: 'UPSTREAM' },
					{ slug: 'connectors', name: '连接器与线缆组件', stage: 'UPSTREAM' },
				],
			},
			{ slug: 'chip-packaging-testing', name: '芯片封装测试', stage: 'MIDSTREAM' },
			{
				slug: 'optical-comm-components',
				name: '光通信元器件',
				stage: 'MIDSTREAM',
				children: [
					{ slug: 'optical-modules', name: '光模块', stage: 'MIDSTREAM' },
					{ slug: 'optical-devices', name: '光器件', stage: 'MIDSTREAM' },
				],
			},
			{
				slug: 'display-modules',
				name: '新型显示模组',
				stage: 'MIDSTREAM',
				children: [{ slug: 'cover-glass', name: '盖板玻璃', stage: 'MIDSTREAM' }],
			},
			{ slug: 'automotive-electronics', name: '汽车电子', stage: 'DOWNSTREAM' },
			{
				slug: 'consumer-electronics',
				name: '消费电子整机配套',
				stage: 'DOWNSTREAM',
				children: [{ slug: 'acoustic-components', name: '电声配件', stage: 'DOWNSTREAM' }],
			},
		],
	},
	{
		slug: 'equipment',
		name: '装备制造产业集群',
		nameEn: 'Equipment Manufacturing Cluster',
		summary:
			'汽车零部件领域研发线控转向、智能驾驶感知系统等，加快融入武汉“车谷”供应链；机电制造领域加快发展精密研磨设备、数控机床、工业机器人等高端装备。支持通城县发展工业母机，通山县开发丘陵山区适用智能农机。',
		sortOrder: 3,
		nodes: [
			{ slug: 'castings-forgings', name: '铸锻件', stage: 'UPSTREAM' },
			{
				slug: 'motors-drives',
				name: '电机与驱动',
				stage: 'UPSTREAM',
				children: [{ slug: 'servo-motors', name: '伺服电机', stage: 'UPSTREAM' }],
			},
			{ slug: 'precision-parts', name: '精密机械零部件', stage: 'UPSTREAM' },
			{
				slug: 'auto-parts',
				name: '汽车零部件',
				stage: 'MIDSTREAM',
				children: [
					{ slug: 'steer-by-wire', name: '线控转向', stage: 'MIDSTREAM' },
					{ slug: 'adas-perception', name: '智能驾驶感知系统', stage: 'MIDSTREAM' },
					{ slug: 'body-structural-parts', name: '车身及底盘结构件', stage: 'MIDSTREAM' },
				],
			},
			{ slug: 'precision-grinding', name: '精密研磨设备', stage: 'MIDSTREAM' },
			{ slug: 'cnc-machine-tools', name: '数控机床（工业母机）', stage: 'MIDSTREAM' },
			{ slug: 'industrial-robots', name: '工业机器人', stage: 'MIDSTREAM' },
			{ slug: 'smart-agri-machinery', name: '丘陵山区智能农机', stage: 'DOWNSTREAM' },
			{ slug: 'emergency-equipment', name: '应急装备', stage: 'DOWNSTREAM' },
			{ slug: 'intelligent-mechatronics', name: '智能机电成套装备', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'food-beverage',
		name: '食品饮料产业集群',
		nameEn: 'Food and Beverage Cluster',
		summary:
			'紧盯新式饮品、冷链食品制造、健康休闲食品等方向，重点发展功能饮料、茶叶加工、粮油加工、特色果蔬加工等行业。发挥华中健康饮品研发中心作用，推动咸宁加速向世界级饮料生产基地迈进。',
		sortOrder: 4,
		nodes: [
			{
				slug: 'agri-raw-materials',
				name: '特色农产品原料',
				stage: 'UPSTREAM',
				children: [
					{ slug: 'tea-leaves', name: '茶青与毛茶', stage: 'UPSTREAM' },
					{ slug: 'fruits-vegetables', name: '特色果蔬', stage: 'UPSTREAM' },
				],
			},
			{
				slug: 'packaging-materials',
				name: '食品包装材料',
				stage: 'UPSTREAM',
				children: [{ slug: 'pet-bottles', name: '瓶坯与瓶盖', stage: 'UPSTREAM' }],
			},
			{
				slug: 'tea-processing',
				name: '茶叶加工',
				stage: 'MIDSTREAM',
				children: [{ slug: 'green-brick-tea', name: '青砖茶', stage: 'MIDSTREAM' }],
			},
			{
				slug: 'beverage-manufacturing',
				name: '饮料制造',
				stage: 'MIDSTREAM',
				children: [{ slug: 'functional-drinks', name: '功能饮料', stage: 'MIDSTREAM' }],
			},
			{ slug: 'grain-oil-processing', name: '粮油加工', stage: 'MIDSTREAM' },
			{ slug: 'fruit-veg-processing', name: '特色果蔬加工', stage: 'MIDSTREAM' },
			{ slug: 'cold-chain-food', name: '冷链食品', stage: 'DOWNSTREAM' },
			{ slug: 'healthy-snacks', name: '健康休闲食品', stage: 'DOWNSTREAM' },
			{ slug: 'tea-drink-ingredients', name: '新式饮品原料', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'modern-chemicals',
		name: '现代化工产业集群',
		nameEn: 'Modern Chemicals Cluster',
		summary:
			'依托嘉鱼县潘湾工业园化工园区，重点发展电子化学品、高端精细化工、新型化工材料、医药中间体等细分领域。发展湿电子化学品等半导体制造关键材料，打通“化工—光芯屏”供应链。',
		sortOrder: 5,
		nodes: [
			{ slug: 'basic-chemical-raw', name: '基础化工原料', stage: 'UPSTREAM' },
			{ slug: 'industrial-gases', name: '工业气体', stage: 'UPSTREAM' },
			{
				slug: 'electronic-chemicals',
				name: '电子化学品',
				stage: 'MIDSTREAM',
				children: [
					{ slug: 'wet-electronic-chemicals', name: '湿电子化学品', stage: 'MIDSTREAM' },
					{ slug: 'electronic-specialty-gases', name: '电子特种气体', stage: 'MIDSTREAM' },
				],
			},
			{
				slug: 'fine-chemicals',
				name: '高端精细化工',
				stage: 'MIDSTREAM',
				children: [{ slug: 'functional-additives', name: '功能助剂', stage: 'MIDSTREAM' }],
			},
			{
				slug: 'new-chemical-materials',
				name: '新型化工材料',
				stage: 'MIDSTREAM',
				children: [{ slug: 'modified-plastics', name: '改性塑料', stage: 'MIDSTREAM' }],
			},
			{ slug: 'pharma-intermediates', name: '医药中间体', stage: 'MIDSTREAM' },
			{ slug: 'semiconductor-fab-supply', name: '半导体制造配套', stage: 'DOWNSTREAM' },
			{ slug: 'display-panel-supply', name: '显示面板制造配套', stage: 'DOWNSTREAM' },
			{ slug: 'pharma-manufacturing-supply', name: '原料药及制剂配套', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'biomedicine',
		name: '生物医药产业集群',
		nameEn: 'Biomedicine Cluster',
		summary:
			'积极对接武汉国家生物产业基地研发资源，重点发展现代中药、生物药、高端医疗器械等细分领域。加快布局银发经济制造业，发展康复器械、智能穿戴、生物医学检测等新兴领域。',
		sortOrder: 6,
		nodes: [
			{
				slug: 'medicinal-herbs',
				name: '中药材种植',
				stage: 'UPSTREAM',
				children: [{ slug: 'decoction-pieces', name: '中药饮片', stage: 'UPSTREAM' }],
			},
			{
				slug: 'medical-raw-materials',
				name: '医用原辅材料',
				stage: 'UPSTREAM',
				children: [{ slug: 'medical-cotton-nonwovens', name: '医用棉与无纺材料', stage: 'UPSTREAM' }],
			},
			{ slug: 'modern-tcm', name: '现代中药', stage: 'MIDSTREAM' },
			{ slug: 'biologics', name: '生物药', stage: 'MIDSTREAM' },
			{
				slug: 'medical-devices',
				name: '高端医疗器械',
				stage: 'MIDSTREAM',
				children: [
					{ slug: 'rehab-devices', name: '康复器械', stage: 'MIDSTREAM' },
					{ slug: 'smart-wearables', name: '智能穿戴', stage: 'MIDSTREAM' },
				],
			},
			{ slug: 'medical-consumables', name: '医用耗材与敷料', stage: 'MIDSTREAM' },
			{
				slug: 'biomedical-testing',
				name: '生物医学检测',
				stage: 'DOWNSTREAM',
				children: [{ slug: 'gene-sequencing', name: '基因测序', stage: 'DOWNSTREAM' }],
			},
			{ slug: 'silver-economy-products', name: '银发经济用品', stage: 'DOWNSTREAM' },
			{ slug: 'pharma-supply-chain', name: '医药流通与供应链服务', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'clean-energy',
		name: '清洁能源产业集群',
		nameEn: 'Clean Energy Cluster',
		summary:
			'立足咸宁丰富自然资源，保障高效火电机组满负荷运营，有序推进崇阳、咸安等地风电项目建设并积极布局储能。构建以高效火电为主、多元清洁能源协同发展的产业模式。',
		sortOrder: 7,
		nodes: [
			{
				slug: 'wind-components',
				name: '风电装备零部件',
				stage: 'UPSTREAM',
				children: [
					{ slug: 'wind-towers', name: '塔筒与法兰', stage: 'UPSTREAM' },
					{ slug: 'wind-blades', name: '风电叶片', stage: 'UPSTREAM' },
				],
			},
			{ slug: 'storage-cells', name: '储能电芯及材料', stage: 'UPSTREAM' },
			{ slug: 'thermal-power-spares', name: '火电辅机及备品备件', stage: 'UPSTREAM' },
			{
				slug: 'wind-power',
				name: '风力发电',
				stage: 'MIDSTREAM',
				children: [{ slug: 'distributed-wind', name: '分散式风电', stage: 'MIDSTREAM' }],
			},
			{ slug: 'efficient-thermal-power', name: '高效火电', stage: 'MIDSTREAM' },
			{ slug: 'energy-storage-systems', name: '储能系统集成', stage: 'MIDSTREAM' },
			{ slug: 'solar-pv', name: '光伏发电', stage: 'MIDSTREAM' },
			{ slug: 'green-power-supply', name: '绿电供应与交易', stage: 'DOWNSTREAM' },
			{ slug: 'integrated-energy-services', name: '综合能源服务', stage: 'DOWNSTREAM' },
			{ slug: 'ev-charging', name: '充换电设施', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'new-materials',
		name: '新材料产业集群',
		nameEn: 'New Materials Cluster',
		summary:
			'围绕金属材料、防腐材料、绝缘材料和复合材料等领域，完善从原料加工到终端应用的全产业链条。加快建成华中地区有影响力的新材料产业基地。',
		sortOrder: 8,
		nodes: [
			{ slug: 'nonmetallic-minerals', name: '非金属矿物原料', stage: 'UPSTREAM' },
			{ slug: 'metal-raw-materials', name: '有色金属原料', stage: 'UPSTREAM' },
			{
				slug: 'resins-fibers',
				name: '树脂及纤维原料',
				stage: 'UPSTREAM',
				children: [{ slug: 'reinforcing-fibers', name: '增强纤维', stage: 'UPSTREAM' }],
			},
			{
				slug: 'composites',
				name: '复合材料',
				stage: 'MIDSTREAM',
				children: [{ slug: 'frp-composites', name: '纤维增强复合材料', stage: 'MIDSTREAM' }],
			},
			{
				slug: 'insulation-materials',
				name: '绝缘材料',
				stage: 'MIDSTREAM',
				children: [{ slug: 'mica-insulation', name: '云母绝缘制品', stage: 'MIDSTREAM' }],
			},
			{
				slug: 'anticorrosion-materials',
				name: '防腐材料',
				stage: 'MIDSTREAM',
				children: [{ slug: 'anticorrosion-coatings', name: '重防腐涂料', stage: 'MIDSTREAM' }],
			},
			{ slug: 'specialty-metals', name: '特种金属材料', stage: 'MIDSTREAM' },
			{ slug: 'ev-battery-insulation', name: '新能源电池绝缘防护', stage: 'DOWNSTREAM' },
			{ slug: 'unmanned-equipment-structures', name: '无人智能装备结构件', stage: 'DOWNSTREAM' },
			{ slug: 'industrial-anticorrosion-projects', name: '工业与基础设施防腐工程', stage: 'DOWNSTREAM' },
		],
	},
	{
		slug: 'low-altitude-testing',
		name: '低空制造和检验检测服务产业集群',
		nameEn: 'Low-altitude Manufacturing and Testing Services Cluster',
		summary:
			'依托咸宁中试谷赤壁基地和低空经济创新研究院，聚焦无人机整机制造、低空应用设备、低空通信导航等领域。同步发展面向产业链的检验检测与中试验证服务。',
		sortOrder: 9,
		nodes: [
			{
				slug: 'uav-components',
				name: '无人机零部件',
				stage: 'UPSTREAM',
				children: [
					{ slug: 'flight-controllers', name: '飞控系统', stage: 'UPSTREAM' },
					{ slug: 'uav-propulsion', name: '动力系统（电机/电调/电池）', stage: 'UPSTREAM' },
					{ slug: 'airframe-structures', name: '机体结构件', stage: 'UPSTREAM' },
				],
			},
			{ slug: 'mission-payloads', name: '任务载荷与传感器', stage: 'UPSTREAM' },
			{
				slug: 'uav-manufacturing',
				name: '无人机整机制造',
				stage: 'MIDSTREAM',
				children: [{ slug: 'industrial-uav', name: '工业级无人机', stage: 'MIDSTREAM' }],
			},
			{ slug: 'low-altitude-equipment', name: '低空应用设备', stage: 'MIDSTREAM' },
			{ slug: 'low-altitude-cns', name: '低空通信导航', stage: 'MIDSTREAM' },
			{
				slug: 'testing-inspection',
				name: '检验检测服务',
				stage: 'DOWNSTREAM',
				children: [
					{ slug: 'uav-airworthiness-testing', name: '无人机适航与性能检测', stage: 'DOWNSTREAM' },
					{ slug: 'product-quality-testing', name: '材料与产品质量检测', stage: 'DOWNSTREAM' },
				],
			},
			{ slug: 'pilot-scale-services', name: '中试验证服务', stage: 'DOWNSTREAM' },
			{ slug: 'low-altitude-operations', name: '低空应用服务', stage: 'DOWNSTREAM' },
		],
	},
]
