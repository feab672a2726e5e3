// 低空制造和检验检测服务产业集群 — 无人机整机与零部件（飞控、动力、机体结构、任务载荷）、低空通信导航、低空应用服务、
// 检验检测与中试验证服务。
// Each group lists terms a purchasing engineer treats as the same thing (buyer wording and supplier wording).
// Lookalikes are kept apart on purpose: 工业级无人机 vs 消费级, 飞防服务 vs 植保无人机, 碳足迹核算 vs 绿电供应.

export const SYNONYMS: readonly (readonly string[])[] = [
	// 无人机整机
	['无人机', '无人驾驶航空器', '无人飞行器', 'UAV', 'UAS', 'drone'],
	['工业级无人机', '工业无人机', '行业无人机', '行业级无人机', '工业飞行平台', '工业级飞行平台'],
	['多旋翼无人机', '多旋翼', '多旋翼飞行器', '多旋翼飞行平台', 'multirotor', 'multicopter'],
	['垂直起降固定翼', '复合翼', '复合翼无人机', '垂起固定翼', 'VTOL固定翼'],
	['eVTOL', '电动垂直起降飞行器', '电动垂直起降航空器'],
	['植保无人机', '农业无人机', '农用无人机', '喷洒无人机', '打药无人机'],
	['测绘无人机', '航测无人机'],
	// 无人机零部件与载荷
	['飞控', '飞控系统', '飞行控制系统', '飞行控制器', '无人机飞控', 'flight controller', 'autopilot'],
	['电调', '电子调速器', '无刷电调', 'electronic speed controller'],
	['无刷电机', '无刷直流电机', 'BLDC', 'brushless motor'],
	['机臂', '无人机机臂', '旋翼臂'],
	['机体结构件', '机身结构件', '无人机结构件', '无人机机体', 'airframe'],
	['任务载荷', '有效载荷', '载荷设备', 'payload'],
	['双光吊舱', '双光载荷', '双光云台', '可见光红外双光吊舱', '可见光热成像双光吊舱'],
	['热成像', '红外热成像', '热红外成像', 'thermal imaging'],
	['倾斜摄影', '倾斜相机', '五镜头倾斜相机', 'oblique photography'],
	// 低空通信导航
	['RTK', 'RTK定位', '实时动态差分', '载波相位差分', 'real-time kinematic'],
	['RTK基准站', 'RTK基站', 'GNSS基准站', '基准站', '参考站', 'CORS站'],
	['高精度定位', '厘米级定位', '高精定位'],
	['北斗', '北斗卫星导航系统', 'BDS', 'BeiDou'],
	['低空通信导航', '低空通导', '低空通信导航监视', '低空CNS'],
	['数据链', '无人机数据链', '低空数据链', 'datalink'],
	['超视距', '超视距飞行', 'BVLOS', 'beyond visual line of sight'],
	['机巢', '无人机机巢', '无人机机场', '无人机机库', '无人机自动机场', 'drone dock'],
	// 低空应用服务
	['输电线路巡检', '线路巡检', '输电巡检', '电力线路巡检', 'power line inspection'],
	['飞防', '飞防服务', '植保飞防', '无人机植保', '航空植保'],
	['适航', '适航审定', '适航认证', '适航检测', 'airworthiness'],
	// 检验检测与中试
	['检验检测', '检验检测服务', '检测服务', '第三方检测', '检测认证', 'TIC'],
	['可靠性验证', '可靠性测试', '可靠性试验', 'reliability test'],
	['HTOL', '高温工作寿命', '高温工作寿命试验', '高温操作寿命'],
	['HAST', '高加速应力试验', '高加速温湿度应力试验', '高度加速应力试验'],
	['温度循环', '温度循环试验', '温循', 'temperature cycling'],
	['ESD', '静电放电', '静电放电测试', 'electrostatic discharge'],
	['闩锁', '闩锁测试', '闩锁效应', 'Latch-up'],
	['电磁兼容', '电磁兼容测试', 'EMC', 'EMC测试', 'EMC检测', 'electromagnetic compatibility'],
	['电波暗室', '半电波暗室', '全电波暗室', 'anechoic chamber'],
	['盐雾试验', '盐雾测试', 'salt spray test'],
	['冷热冲击', '冷热冲击试验', '温度冲击', 'thermal shock'],
	['中试', '中试验证', '中试服务', '中试放大', 'pilot-scale'],
	['碳足迹', '产品碳足迹', '碳足迹核算', 'carbon footprint'],
]
