// 现代化工产业集群 — 电子化学品（湿电子化学品、电子特气）、高端精细化工、新型化工材料、医药中间体。
// Each group lists terms a purchasing engineer treats as the same thing (buyer wording and supplier wording).
// Purity grades are kept apart on purpose (G5 ≠ G2/G3 电子级硫酸 ≠ 工业硫酸), and so are the false friends
// 光刻显影液 vs CTP版显影液 and 电子级 vs 食品级.

export const SYNONYMS: readonly (readonly string[])[] = [
	// 电子化学品
	[
		'湿电子化学品',
		'电子级化学品',
		'超净高纯试剂',
		'超纯化学品',
		'湿化学品',
		'工艺化学品',
		'wet electronic chemicals',
	],
	['电子化学品', '电子化工材料', 'electronic chemicals'],
	['电子级', '半导体级', 'electronic grade', 'semiconductor grade'],
	['电子级硫酸', '电子硫酸', '高纯硫酸', 'electronic grade sulfuric acid'],
	['G5级电子硫酸', 'G5级硫酸', 'G5电子级硫酸', '电子级硫酸G5', '超高纯硫酸', '超纯硫酸'],
	['SEMI G5', 'SEMI Grade 5', 'G5级', 'G5等级'],
	['SEMI G4', 'SEMI Grade 4', 'G4级', 'G4等级'],
	['工业硫酸', '工业级硫酸'],
	['发烟硫酸', 'oleum'],
	['电子级过氧化氢', '电子级双氧水', '高纯双氧水', '超纯双氧水', '电子双氧水'],
	['过氧化氢', '双氧水', 'H2O2', 'hydrogen peroxide'],
	['光刻显影液', '光刻胶显影液', '正胶显影液', '正性光刻胶显影液', 'TMAH显影液', 'photoresist developer'],
	['四甲基氢氧化铵', '氢氧化四甲基铵', 'TMAH', 'tetramethylammonium hydroxide'],
	['光刻胶剥离液', '剥离液', '去胶液', 'photoresist stripper'],
	['蚀刻液', '刻蚀液', 'etchant'],
	['CTP版显影液', 'CTP显影液', '印版显影液'],
	['电子特种气体', '电子特气', '电子气体', 'electronic specialty gases'],
	['高纯气体', '高纯度气体', 'high-purity gases'],
	['SPM清洗', 'SPM', '硫酸双氧水清洗', '食人鱼清洗', 'piranha clean'],
	['ISO罐', 'ISO罐箱', 'ISO罐车', '罐式集装箱', 'ISO tank'],
	['PFA内衬桶', 'PFA桶', 'PFA内衬包装桶'],
	['废液回收', '废液回收再生', '废液再生', '废液回用'],
	['危险化学品', '危化品', 'hazardous chemicals'],
	// 精细化工与医药中间体
	['精细化工', '精细化学品', 'fine chemicals'],
	['医药中间体', '药物中间体', 'pharmaceutical intermediates'],
	['CDMO', '合同研发生产', '定制研发生产', '医药定制研发生产'],
	['定制合成', 'custom synthesis'],
	['OTBN', "4'-甲基-2-氰基联苯", "2-氰基-4'-甲基联苯", "4'-甲基-2-联苯甲腈", '沙坦联苯'],
	['OTBN溴化物', '溴代OTBN', 'Br-OTBN', "4'-溴甲基-2-氰基联苯"],
	['基因毒性杂质', '遗传毒性杂质', '致突变杂质', '基因毒杂质', 'genotoxic impurities'],
	['原料药', '化学原料药', '活性药物成分', 'active pharmaceutical ingredient'],
	['药物主文件', 'DMF登记', 'DMF备案', 'drug master file'],
	['农药中间体', '农化中间体'],
	// 新型化工材料与助剂
	['改性塑料', '改性工程塑料', '塑料改性', 'modified plastics'],
	['功能助剂', '功能性助剂', '功能添加剂'],
	['季铵碱', '季铵氢氧化物', '氢氧化季铵'],
	['分子筛模板剂', '模板剂', '结构导向剂'],
	['有机硅密封胶', '硅酮密封胶', '硅酮胶', '玻璃胶', 'silicone sealant'],
	['室温硫化硅橡胶', 'RTV硅橡胶', 'RTV', 'room temperature vulcanizing silicone'],
	['电子灌封胶', '灌封胶', '灌封材料', 'potting compound'],
]
