// 清洁能源产业集群 — 风电装备与分散式风电、高效火电、储能（电芯、PCS、系统集成）、光伏、绿电供应与交易、充换电。
// Each group lists terms a purchasing engineer treats as the same thing (buyer wording and supplier wording).
// Lookalikes are kept apart on purpose: 绿电 vs 火电/热电联产, 液冷储能柜 vs 风冷储能柜, 充电桩 vs 换电站.

export const SYNONYMS: readonly (readonly string[])[] = [
	// 储能
	['储能系统', '电池储能系统', '电化学储能系统', '储能系统集成', 'BESS', 'battery energy storage system'],
	['储能一体柜', '储能柜', '一体化储能柜', '储能一体机', '户外储能柜'],
	['液冷储能柜', '液冷储能', '液冷一体柜', '液冷储能一体柜'],
	['风冷储能柜', '风冷储能', '风冷一体柜', '风冷储能一体柜'],
	['工商业储能', '用户侧储能', '工商业用户侧储能', 'C&I储能'],
	['电芯', '电池电芯', '电池单体', '单体电池', 'battery cell'],
	['磷酸铁锂', '铁锂', 'LFP', 'LiFePO4', 'lithium iron phosphate'],
	['三元锂', '三元锂电池', '三元电池', 'NCM'],
	['电池包', '电池PACK', 'battery pack'],
	['储能变流器', '双向变流器', 'PCS', 'power conversion system'],
	['电池管理系统', 'BMS', 'battery management system'],
	['能量管理系统', '能源管理系统', 'energy management system'],
	['储能消防', '储能柜消防', '储能消防系统', '电池储能消防'],
	['全氟己酮', 'Novec 1230', 'FK-5-1-12', 'C6F12O'],
	['峰谷套利', '峰谷价差套利', '削峰填谷'],
	['需量管理', '需量控制', '需量电费管理'],
	['合同能源管理', '节能服务合同', 'energy performance contracting'],
	['并网手续', '并网报装', '接入系统报装', '并网申请', '并网接入'],
	// 绿电
	['绿电', '绿色电力', '可再生能源电力', '可再生电力', 'green electricity', 'renewable electricity'],
	['绿证', '绿色电力证书', '可再生能源绿色电力证书', '环境权益证书', 'GEC', 'I-REC', 'REC'],
	['绿电交易', '绿色电力交易', '绿电直接交易'],
	['购电协议', '长期购电协议', '电力购买协议', 'PPA', 'power purchase agreement'],
	['售电公司', '售电企业', '售电业务', '电力零售'],
	['电力市场化交易', '电力市场交易', '市场化交易', '电力交易'],
	// 风电
	['风电', '风力发电', 'wind power'],
	['分散式风电', '分布式风电', '分散式风电场', '分散式风电项目'],
	['风电塔筒', '风机塔筒', '风电塔架', '塔筒', 'wind tower'],
	['风电法兰', '塔筒法兰', '风电塔筒法兰'],
	['风电叶片', '风机叶片', '风力发电机叶片', 'wind turbine blade'],
	// 光伏
	['光伏发电', '太阳能发电', '光伏', 'photovoltaic'],
	['光伏组件', '太阳能组件', '太阳能电池组件', '太阳能电池板', '光伏板', 'PV module', 'solar panel'],
	['分布式光伏', '屋顶光伏', '分布式光伏电站', '屋顶分布式光伏'],
	['TOPCon', '隧穿氧化层钝化接触'],
	['光伏连接器', 'MC4', 'MC4连接器'],
	// 火电
	['火电', '火力发电', '燃煤发电', '煤电', '燃煤电厂'],
	['热电联产', '热电联供', 'CHP', 'combined heat and power'],
	['工业蒸汽', '工业供汽', '集中供汽', '蒸汽供应'],
	['火电辅机', '电站辅机', '火电厂辅机'],
	// 综合能源与充换电
	['综合能源服务', '综合能源', 'integrated energy services'],
	['充电桩', '充电设施', '充电站', '充电设备', 'EV charger'],
]
