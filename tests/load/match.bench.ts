/**
 * Matching benchmark (issue 4): one full matchDemand call (plan + one multi-search + re-rank) against
 * the raw Meilisearch multi-search it sends, measured interleaved in one run on one synthetic
 * capabilities index of 100k documents (10k with --quick).
 *
 *   node --import tsx tests/load/match.bench.ts [--quick]
 *
 * (a) matchDemand(demand, { search: meiliSearchFn(getSearchClient()), ... }) as the app calls it,
 *     with the SearchFn wrapped so the time before, inside and after the search is recorded;
 * (b) the exact queries of that call (recorded beforehand by a dry run with a stub SearchFn, and
 *     checked against what (a) sends) replayed with client.multiSearch on the same client;
 * (c) informational, full run only: the same request body POSTed with fetch to /multi-search (no
 *     meilisearch-js);
 * (d) informational, full run only: (c) with attributesToRetrieve limited to the fields the matcher
 *     reads (capabilityFromDocument), to show what the size of the answer costs.
 *
 * Not part of `npm test`. Everything runs on loopback in this process (embedded PGlite, embedded
 * Meilisearch child) and is stopped at the end; the data directory is deleted.
 */
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { MultiSearchQuery } from 'meilisearch'
import type { CapabilityDocument } from '#search/documents/capability'
import type { SearchFn } from '#search/matching/match.server'
import type { MatchDemand } from '#search/matching/types'
import type { RunningServer } from '#server/start'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(ROOT)
// Set before any app module is loaded (hence the dynamic imports below), as in search.bench.ts.
process.env.NODE_ENV = 'production'

const QUICK = process.argv.includes('--quick')
const DOCS = QUICK ? 10_000 : 100_000
const BATCH = 10_000
const DEMANDS = QUICK ? 60 : 200
const WARMUP = QUICK ? 6 : 20
const DATA_DIR = 'tests/.tmp/bench-match'

// ---------------------------------------------------------------------------------------------
// Word lists: products, processes and materials of the nine clusters (slugs as in the seed).

type Vocabulary = {
	products: string[]
	processes: string[]
	materials: string[]
	buyers: string[]
	certifications: string[]
	units: string[]
}

const VOCABULARY: Record<string, Vocabulary> = {
	'low-carbon-metallurgy': {
		products: [
			'废钢',
			'精品钢',
			'热轧板卷',
			'铝型材',
			'铝板带',
			'装配式结构钢',
			'船舶用钢',
			'汽车板',
			'连铸钢坯',
			'铝合金棒',
		],
		processes: ['破碎分拣', '电炉冶炼', '热轧', '挤压成型', '精整剪切', '阳极氧化'],
		materials: ['重型废钢', '6063铝合金', 'Q355B', '再生铝', '硅铁合金', '石墨电极'],
		buyers: ['汽车主机厂', '钢结构企业', '建筑幕墙企业', '造船厂'],
		certifications: ['ISO 9001', 'ISO 14001', 'ISO 50001'],
		units: ['吨', '万吨'],
	},
	electronics: {
		products: [
			'光模块',
			'光器件',
			'连接器',
			'铁氧体磁芯',
			'功率电感',
			'盖板玻璃',
			'摄像头模组',
			'线束总成',
			'微型扬声器',
			'引线框架',
		],
		processes: ['芯片封装', 'SMT贴片', 'COB组装', '精密冲压', '全贴合', '老化测试'],
		materials: ['锰锌铁氧体', '铜合金带材', '单模光纤', '高频PCB', 'OCA光学胶', '陶瓷基板'],
		buyers: ['数据中心', '通信设备商', '新能源汽车厂', '消费电子品牌'],
		certifications: ['ISO 9001', 'IATF 16949', 'ISO 14001'],
		units: ['万只', '万件', '万片'],
	},
	equipment: {
		products: [
			'数控车床',
			'立式加工中心',
			'伺服电机',
			'工业机器人',
			'铸锻件',
			'电动助力转向',
			'微耕机',
			'应急排水车',
			'研磨抛光机',
			'精密零部件',
		],
		processes: ['精密加工', '五轴加工', '冷挤压', '机器人焊接', '真空热处理', '装配调试'],
		materials: ['HT300灰铸铁', '42CrMo', '6061铝合金', '304不锈钢', '球墨铸铁', 'GCr15轴承钢'],
		buyers: ['汽车零部件厂', '农机企业', '工程机械厂', '应急管理部门'],
		certifications: ['ISO 9001', 'IATF 16949', 'ISO 3834', 'ISO 45001'],
		units: ['台', '套', '万件'],
	},
	'food-beverage': {
		products: [
			'青砖茶',
			'茶饮料',
			'速溶茶粉',
			'果蔬汁',
			'功能饮料',
			'PET瓶坯',
			'冷链食品',
			'休闲食品',
			'菜籽油',
			'桂花茶',
		],
		processes: ['紧压', '萃取', '无菌灌装', '冻干', '烘焙', '超高温杀菌'],
		materials: ['鲜叶', '黑毛茶', 'PET切片', '猕猴桃', '双低菜籽', '金桂'],
		buyers: ['新式茶饮品牌', '连锁商超', '电商平台', '餐饮连锁'],
		certifications: ['ISO 22000', 'HACCP', 'SC', '有机产品认证', '绿色食品认证'],
		units: ['吨', '万箱', '万瓶'],
	},
	'modern-chemicals': {
		products: [
			'电子级硫酸',
			'电子级双氧水',
			'电子特气',
			'改性塑料',
			'功能助剂',
			'医药中间体',
			'工业气体',
			'电子级氢氟酸',
			'显影液',
			'电子级磷酸',
		],
		processes: ['提纯', '精馏', '合成', '充装', '复配', '双螺杆造粒'],
		materials: ['工业硫酸', '液氯', '聚丙烯', '高纯氮气', '磷矿石', '萤石'],
		buyers: ['晶圆厂', '面板厂', '制药企业', '汽车改性料客户'],
		certifications: ['ISO 9001', 'ISO 14001', 'ISO 45001'],
		units: ['吨', '万吨', '立方米'],
	},
	biomedicine: {
		products: [
			'医用无纺布',
			'中药饮片',
			'配方颗粒',
			'电动护理床',
			'助行器',
			'医用敷料',
			'智能手环',
			'基因测序服务',
			'医用脱脂棉',
			'医用口罩',
		],
		processes: ['水刺', '环氧乙烷灭菌', '炮制', '注塑', '质量检测', '洁净组装'],
		materials: ['全棉纤维', '金银花', '桔梗', '医用级TPU', '熔喷布', '航空铝管'],
		buyers: ['三甲医院', '中成药企业', '养老机构', '医疗器械经销商'],
		certifications: ['ISO 13485', 'GMP', '医疗器械注册证（二类）', 'CNAS'],
		units: ['吨', '万片', '台'],
	},
	'clean-energy': {
		products: [
			'风电塔筒',
			'锻造法兰',
			'风电叶片',
			'储能系统',
			'储能电芯',
			'电池管理系统',
			'光伏组件',
			'充电桩',
			'火电备件',
			'综合能源服务',
		],
		processes: ['卷板焊接', '防腐涂装', '系统集成', '运维', '吊装', '性能检测'],
		materials: ['Q355NE钢板', '磷酸铁锂', '玻璃纤维', '环氧树脂', '单晶硅片', '铜排'],
		buyers: ['风电场', '工商业园区', '电网公司', '充电运营商'],
		certifications: ['ISO 9001', 'ISO 14001', 'ISO 45001', 'ISO 3834'],
		units: ['套', '兆瓦时', '台'],
	},
	'new-materials': {
		products: [
			'防腐涂料',
			'云母板',
			'增强纤维',
			'复合材料构件',
			'特种合金',
			'绝缘片',
			'高纯石英砂',
			'碳纤维板',
			'玻纤布',
			'电池绝缘膜',
		],
		processes: ['模压', '拉挤', '缠绕成型', '热喷涂', '层压', '涂覆'],
		materials: ['碳纤维', '玻璃纤维', '环氧树脂', '云母纸', '钛合金', '高岭土'],
		buyers: ['新能源电池厂', '无人机企业', '化工园区', '桥梁工程'],
		certifications: ['ISO 9001', 'ISO 14001', 'IATF 16949'],
		units: ['吨', '平方米', '万件'],
	},
	'low-altitude-testing': {
		products: [
			'植保无人机',
			'飞控系统',
			'无人机电机',
			'机体结构件',
			'任务载荷',
			'检验检测',
			'适航检测',
			'材料检测',
			'中试验证',
			'低空通信设备',
		],
		processes: ['检测', '标定', '试飞', '整机组装', '仿真验证', '环境试验'],
		materials: ['碳纤维', '锂聚合物电池', '航空铝', '工程塑料', '光电吊舱', '毫米波雷达'],
		buyers: ['植保服务商', '物流企业', '应急部门', '电力巡检单位'],
		certifications: ['CNAS', 'CMA', 'ISO/IEC 17025', 'ISO 9001'],
		units: ['架', '批次', '项'],
	},
}


const SERVICES = [
	'批量供货',
	'OEM代工',
	'定制加工',
	'来图加工',
	'小批量试制',
	'现货供应',
	'ODM定制',
	'配套供应',
]
const FIRM_HEADS = [
	'宏达',
	'鄂南',
	'楚天',
	'金桥',
	'华源',
	'瑞丰',
	'恒通',
	'长江',
	'赤马',
	'隽水',
	'香城',
	'九宫',
	'丰泽',
	'泰和',
	'润邦',
	'汇川',
]
const FIRM_TRADES = ['精密制造', '新材料', '科技', '实业', '电子', '机械', '生物', '能源', '食品', '化工']
const QUALITY = [
	'来料全检、出货抽检，质量可追溯',
	'配备三坐标与光谱仪，提供材质报告',
	'通过主机厂二方审核，批次稳定',
	'支持驻厂技术服务与快速打样',
]

// Deterministic pseudo-random numbers, so every run indexes the same documents.
function mulberry32(seed: number) {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}
const random = mulberry32(2026)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))

function percentile(values: number[], p: number) {
	if (values.length === 0) return NaN
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
const ms = (v: number) => v.toFixed(1)
const ratio = (v: number) => v.toFixed(2)
const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay))

// Demands: the seeded demo demands (prisma/seed-data/listings) varied in quantity, delivery place
// and certifications, alternating with demands written from the cluster word lists above. A
// separate generator, so --quick measures the first 60 of the same 200 demands.
const demandRandom = mulberry32(4)
const dPick = <T>(list: readonly T[]): T => list[Math.floor(demandRandom() * list.length)]!
const dInt = (min: number, max: number) => min + Math.floor(demandRandom() * (max - min + 1))

const BUYER_HEADS = ['光谷', '车谷', '江城', '东湖', '汉江', '楚天', '临空港', '长江', '武钢', '汉阳']
const BUYER_TRADES = ['光电', '汽车', '智能装备', '新能源', '生物医药', '食品', '材料', '航空', '电子', '化工']
const DEMAND_TITLES: Array<(w: { product: string; process: string; material: string }) => string> = [
	(w) => `采购${w.material}${w.product}`,
	(w) => `${w.product}${w.process}外协加工`,
	(w) => `寻求${w.product}稳定供应商`,
	(w) => `${w.product}（${w.material}）年度框架采购`,
	(w) => `${w.material}${w.product}小批量试制`,
]
const PURPOSES = ['新产线投产', '扩产项目', '国产化替代', '第二供应商开发', '年度集中采购', '新品导入']
const PERIODS = ['月', '年', '首批'] as const
const VARIANT_SUFFIXES = ['', '（二期）', '（年度框架）', '（扩产）']

// ---------------------------------------------------------------------------------------------

/**
 * startServer imports build/index.js, so one has to exist. Unlike search.bench.ts this bench renders
 * no page, so a development build is left alone (importing it is enough); only a missing build is
 * produced, with `npx remix build` under NODE_ENV=production.
 */
function ensureBuild() {
	if (existsSync(path.resolve('build/index.js'))) return
	console.log('build/index.js is missing: running `npx remix build`')
	const built = spawnSync('npx', ['remix', 'build'], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	})
	if (built.status !== 0) throw new Error(`remix build failed:\n${built.stdout}${built.stderr}`)
}

async function main() {
	ensureBuild()
	const { init } = await import('#app/utils/env.server')
	const { startServer } = await import('#server/start')
	const { prisma } = await import('#app/utils/db.server')
	const { getSearchClient, indexName } = await import('#search/client.server')
	const { CAPABILITIES_INDEX } = await import('#search/indexes/capabilities')
	const { applyIndexSettings } = await import('#search/apply-settings.server')
	const { segmentForIndex } = await import('#search/segment.server')
	const { areaOf, capacityPerYear, certificationKeys, specsText } = await import('#search/documents/shared')
	const { demandFromDocument, matchDemand, meiliSearchFn } = await import('#search/matching/match.server')
	const { REGIONS } = await import('#app/modules/firms/regions')
	const { DEMANDS: SEED_DEMANDS } = await import('#prisma/seed-data/listings/demands')

	await rm(DATA_DIR, { recursive: true, force: true })
	const env = init({
		NODE_ENV: 'production',
		PORT: '0',
		DATA_DIR,
		SEED_ON_START: 'true',
		LOG_LEVEL: 'warn',
		MEILI_INDEX_PREFIX: 'bench_',
	})
	const logger = { info: () => {}, error: (msg: string) => console.error(msg) }

	const benchStarted = performance.now()
	let benchLine = ''
	let server: RunningServer | undefined
	let interrupted = false
	const onSignal = () => {
		interrupted = true
	}
	process.once('SIGINT', onSignal)
	process.once('SIGTERM', onSignal)
	try {
		const startedAt = performance.now()
		server = await startServer(env, { logger })
		const meili = server.embedded.meili
		if (!meili) throw new Error('expected the embedded Meilisearch')
		console.log(
			`app on ${server.url}, Meilisearch on ${meili.url}; started and seeded in ${ms(performance.now() - startedAt)} ms`,
		)

		const drainStarted = performance.now()
		const uid = indexName(CAPABILITIES_INDEX.uid)
		const stagingUid = `${uid}_staging`
		const client = getSearchClient()
		const index = client.index(uid)
		const staging = client.index(stagingUid)

		// ---- Synthetic capabilities (as in search.bench.ts) ------------------------------------
		const clusters = await prisma.cluster.findMany({
			orderBy: { sortOrder: 'asc' },
			select: {
				slug: true,
				name: true,
				chainNodes: {
					orderBy: { sortOrder: 'asc' },
					select: { id: true, slug: true, name: true, stage: true },
				},
			},
		})
		const regions = REGIONS.filter((r) => r.area === 'XIANNING')
		type SyntheticFirm = { id: string; name: string; regionCode: string }
		const firmsByCluster = new Map<string, SyntheticFirm[]>()
		let firmNo = 0
		for (const c of clusters) {
			const firms: SyntheticFirm[] = []
			for (let i = 0; i < 200; i++) {
				const region = pick(regions)
				firms.push({
					id: `benchfirm${firmNo++}`,
					name: `${region.name.slice(0, 2)}${pick(FIRM_HEADS)}${pick(FIRM_TRADES)}有限公司`,
					regionCode: region.code,
				})
			}
			firmsByCluster.set(c.slug, firms)
		}
		const regionName = new Map(regions.map((r) => [r.code, r.name]))
		const nowSeconds = Math.floor(Date.now() / 1000)
		const periods = ['DAY', 'MONTH', 'YEAR'] as const

		const makeDocument = (n: number): CapabilityDocument => {
			const cluster = clusters[n % clusters.length]!
			const words = VOCABULARY[cluster.slug] ?? VOCABULARY.equipment!
			const firm = pick(firmsByCluster.get(cluster.slug)!)
			const node = cluster.chainNodes.length ? pick(cluster.chainNodes) : null
			const product = pick(words.products)
			const method = pick(words.processes)
			const material = pick(words.materials)
			const service = pick(SERVICES)
			const title = [
				`${material}${product}${service}`,
				`${product}${method}${service}`,
				`${product}（${material}）${method}`,
			][n % 3]!
			const certs = [...new Set([pick(words.certifications), pick(words.certifications)])]
			const capacityValue = int(1, 500)
			const capacityUnit = pick(words.units)
			const capacityPeriod = pick(periods)
			const leadTimeDays = int(3, 60)
			const specs = [
				{ key: '材质', value: material },
				{ key: '工艺', value: method },
				{ key: '交期', value: `${leadTimeDays}天` },
			]
			const description = [
				`${firm.name}位于${regionName.get(firm.regionCode)}，专业从事${product}${method}，拥有${int(2, 30)}条生产线。`,
				`主要原料为${material}，年产能${capacityValue}${capacityUnit}，常规交期${leadTimeDays}天。`,
				`已通过${certs.join('、')}认证，可为${pick(words.buyers)}提供${service}。`,
				`${pick(QUALITY)}；支持来样定制与小批量试制，可承接${pick(words.products)}配套订单。`,
			].join('')
			const tags = [...new Set([product, method, material])]
			const specsString = specsText(specs)
			const priceMin = int(10, 5000)
			const publishedAt = nowSeconds - int(0, 60 * 86_400)
			return {
				id: `bench${n}`,
				title,
				description,
				tags,
				specsText: specsString,
				certifications: certs,
				certificationKeys: certificationKeys(certs),
				firmId: firm.id,
				firmName: firm.name,
				regionCode: firm.regionCode,
				area: areaOf(firm.regionCode),
				clusterSlug: cluster.slug,
				clusterName: cluster.name,
				chainNodeId: node?.id ?? null,
				chainNodeName: node?.name ?? null,
				chainStage: node?.stage ?? null,
				capacityValue,
				capacityUnit,
				capacityPeriod,
				capacityPerYear: capacityPerYear(capacityValue, capacityPeriod),
				moqValue: int(1, 100),
				moqUnit: capacityUnit,
				leadTimeDays,
				priceMin,
				priceMax: priceMin + int(0, 2000),
				priceUnit: '元/件',
				publishedAt,
				updatedAt: publishedAt,
				// The jieba search-mode cut the outbox worker stores (same fields as buildCapabilityDocument).
				segmented: segmentForIndex(
					[title, tags.join(' '), node?.name ?? '', specsString, description].join('\n'),
				),
			}
		}

		// The outbox worker indexes the seeded demo data and then refreshes its match suggestions
		// (matchDemand/matchCapability in this process, stored with foreign keys to the listings).
		// The synthetic capabilities exist only in the index, so a refresh that suggested one would
		// fail on the foreign key and be retried forever: they go into a staging index with the same
		// settings meanwhile (Meilisearch indexes while Node matches), which then gets the seeded
		// documents too and is swapped in as the live capabilities index once the outbox is drained.
		await applyIndexSettings(CAPABILITIES_INDEX, stagingUid)
		let generateMs = 0
		let indexMs = 0
		const indexing = (async () => {
			for (let offset = 0; offset < DOCS; offset += BATCH) {
				if (interrupted) throw new Error('interrupted')
				const t0 = performance.now()
				const batch: CapabilityDocument[] = []
				for (let n = offset; n < Math.min(DOCS, offset + BATCH); n++) batch.push(makeDocument(n))
				const t1 = performance.now()
				const task = await staging
					.addDocuments(batch, { primaryKey: 'id' })
					.waitTask({ timeout: 600_000, interval: 100 })
				const t2 = performance.now()
				if (task.status !== 'succeeded')
					throw new Error(`batch at ${offset}: ${task.error?.message ?? task.status}`)
				generateMs += t1 - t0
				indexMs += t2 - t1
				console.log(
					`  indexed ${offset + batch.length}/${DOCS} (batch: generate ${ms(t1 - t0)} ms, add+waitTask ${ms(t2 - t1)} ms)`,
				)
			}
		})()
		const draining = (async () => {
			const drainDeadline = Date.now() + 180_000
			while ((await prisma.searchOutbox.count({ where: { processedAt: null } })) > 0) {
				if (Date.now() > drainDeadline || interrupted) throw new Error('search outbox did not drain')
				await sleep(100)
			}
			console.log(
				`  seeded demo data indexed and matched by the outbox worker ${ms(performance.now() - drainStarted)} ms after start-up`,
			)
		})()
		// Both settle before anything else happens (no stray rejection during clean-up).
		const settled = await Promise.allSettled([indexing, draining])
		for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason

		const swapStarted = performance.now()
		const seeded = await index.getDocuments({ limit: 10_000 })
		if (seeded.total > seeded.results.length) throw new Error(`${seeded.total} seeded documents: page through them`)
		const copied = await staging
			.addDocuments(seeded.results, { primaryKey: 'id' })
			.waitTask({ timeout: 60_000, interval: 50 })
		if (copied.status !== 'succeeded') throw new Error(`copying the seeded documents: ${copied.error?.message}`)
		const swapped = await client
			.swapIndexes([{ indexes: [uid, stagingUid], rename: false }])
			.waitTask({ timeout: 60_000, interval: 50 })
		if (swapped.status !== 'succeeded') throw new Error(`index swap: ${swapped.error?.message}`)
		await client.deleteIndex(stagingUid).waitTask({ timeout: 60_000, interval: 50 })
		const stats = await index.getStats()
		console.log(
			`indexing: ${DOCS} synthetic capabilities in ${ms(indexMs)} ms (${Math.round(DOCS / (indexMs / 1000))} docs/s; generation incl. jieba ${ms(generateMs)} ms); ${seeded.results.length} seeded documents copied and swapped in as ${uid} in ${ms(performance.now() - swapStarted)} ms; it holds ${stats.numberOfDocuments} documents`,
		)
		if (stats.numberOfDocuments !== DOCS + seeded.results.length)
			throw new Error(`expected ${DOCS + seeded.results.length} documents in ${uid}`)

		// ---- Demands --------------------------------------------------------------------------
		const wuhan = REGIONS.filter((r) => r.area === 'WUHAN')
		const clusterBySlug = new Map(clusters.map((c) => [c.slug, c]))
		const published = SEED_DEMANDS.filter((d) => d.status === 'PUBLISHED')
		const makeDemand = (i: number): MatchDemand => {
			const common = { firmId: `benchbuyer${i % 40}`, updatedAt: nowSeconds - dInt(0, 30 * 86_400) }
			if (i % 2 === 0) {
				// A seeded demand, varied: another quantity (also where the description states it),
				// sometimes another delivery place, one certification more or less, a title suffix.
				const seed = published[(i / 2) % published.length]!
				const round = Math.floor(i / 2 / published.length)
				const cluster = clusterBySlug.get(seed.clusterSlug)
				const node = cluster?.chainNodes.find((n) => n.slug === seed.chainNodeSlug) ?? null
				const words = VOCABULARY[seed.clusterSlug] ?? VOCABULARY.equipment!
				let description = seed.description
				let quantityValue: number | null = seed.quantity?.value ?? null
				if (seed.quantity && round > 0) {
					quantityValue = Math.max(1, Math.round(seed.quantity.value * (0.5 + demandRandom() * 2.5)))
					description = description.replace(
						`${seed.quantity.value}${seed.quantity.unit}`,
						`${quantityValue}${seed.quantity.unit}`,
					)
				}
				const certs = [...seed.requiredCertifications]
				if (round > 0 && demandRandom() < 0.5) certs.pop()
				else if (round > 0) certs.push(dPick(words.certifications))
				return demandFromDocument({
					...common,
					id: `benchdemand${i}`,
					title: `${seed.title}${VARIANT_SUFFIXES[round % VARIANT_SUFFIXES.length]}`,
					description,
					requiredCertifications: [...new Set(certs)],
					quantityValue,
					quantityUnit: seed.quantity?.unit ?? null,
					regionCode: round > 0 && demandRandom() < 0.5 ? dPick(wuhan).code : seed.deliveryRegionCode,
					clusterSlug: seed.clusterSlug,
					clusterName: cluster?.name ?? null,
					chainNodeId: node?.id ?? null,
					chainNodeName: node?.name ?? null,
					firmName: `${dPick(BUYER_HEADS)}${dPick(BUYER_TRADES)}有限公司`,
				})
			}
			// A demand written from a cluster's word list.
			const cluster = clusters[((i - 1) / 2) % clusters.length]!
			const words = VOCABULARY[cluster.slug] ?? VOCABULARY.equipment!
			const node = cluster.chainNodes.length ? dPick(cluster.chainNodes) : null
			const w = { product: dPick(words.products), process: dPick(words.processes), material: dPick(words.materials) }
			const region = dPick(wuhan)
			const unit = dPick(words.units)
			const quantityValue = dInt(1, 300)
			const period = dPick(PERIODS)
			const certs = [...new Set(Array.from({ length: dInt(0, 2) }, () => dPick(words.certifications)))]
			const buyer = `${dPick(BUYER_HEADS)}${dPick(BUYER_TRADES)}有限公司`
			const description = [
				`我司${dPick(PURPOSES)}需采购${w.product}，材质要求${w.material}，供应商需具备${w.process}能力及完善的来料检验流程。`,
				`${period === '首批' ? '首批' : `${period}需求约`}${quantityValue}${unit}，要求交期${dInt(7, 60)}天以内，送货至${region.name}。`,
				certs.length ? `需通过${certs.join('、')}认证，` : '',
				`先送样${dInt(5, 50)}件验证，合格后签订年度协议，产品主要供应${dPick(words.buyers)}。`,
			].join('')
			return demandFromDocument({
				...common,
				id: `benchdemand${i}`,
				title: dPick(DEMAND_TITLES)(w),
				description,
				requiredCertifications: certs,
				quantityValue,
				quantityUnit: unit,
				regionCode: region.code,
				clusterSlug: cluster.slug,
				clusterName: cluster.name,
				chainNodeId: node?.id ?? null,
				chainNodeName: node?.name ?? null,
				firmName: buyer,
			})
		}
		const demands = Array.from({ length: DEMANDS + WARMUP }, (_, i) => makeDemand(i))

		// ---- The searches of each demand ------------------------------------------------------
		// The plan does not depend on what the searches return, so a dry run with a stub SearchFn
		// records the exact queries matchDemand sends, without touching Meilisearch or filling the
		// matcher's cache of prepared listings. (a) checks that it sends the same ones.
		const plans: MultiSearchQuery[][] = []
		// What each query is for (word, concept, certified, background), to break the engine time down.
		const purposes: string[][] = []
		for (const demand of demands) {
			let recorded: MultiSearchQuery[] = []
			const { plan } = await matchDemand(demand, {
				search: async (queries) => {
					recorded = queries
					return queries.map(() => ({ hits: [] }))
				},
				indexUid: uid,
				k: 10,
				now: Date.now(),
			})
			plans.push(recorded)
			purposes.push(plan.queries.map((q) => q.purpose.split(':')[0]!))
		}

		const base = meiliSearchFn(client)
		let probe = { start: 0, end: 0, queries: [] as MultiSearchQuery[], hits: 0 }
		const recording: SearchFn = async (queries) => {
			probe.queries = queries
			probe.start = performance.now()
			const results = await base(queries)
			probe.end = performance.now()
			probe.hits = results.reduce((sum, r) => sum + r.hits.length, 0)
			return results
		}
		const identity = {
			Authorization: `Bearer ${meili.masterKey}`,
			'Content-Type': 'application/json',
			'Accept-Encoding': 'identity',
		}

		// The fields capabilityFromDocument (and the matcher's cache key) read, for (d).
		const MATCHER_FIELDS = [
			'id',
			'title',
			'description',
			'certifications',
			'capacityValue',
			'capacityUnit',
			'capacityPeriod',
			'specsText',
			'tags',
			'chainNodeName',
			'regionCode',
			'clusterSlug',
			'clusterName',
			'chainNodeId',
			'firmId',
			'firmName',
			'updatedAt',
		]
		const postMulti = async (queries: MultiSearchQuery[]) => {
			const res = await fetch(`${meili.url}/multi-search`, {
				method: 'POST',
				headers: identity,
				body: JSON.stringify({ queries }),
			})
			const text = await res.text()
			if (res.status !== 200) throw new Error(`multi-search answered ${res.status}: ${text.slice(0, 200)}`)
			JSON.parse(text)
			return Buffer.byteLength(text)
		}

		type Variant = 'match' | 'raw' | 'fetch' | 'slim'
		const timings: Record<Variant, number[]> = { match: [], raw: [], fetch: [], slim: [] }
		const split = { plan: [] as number[], search: [] as number[], rerank: [] as number[] }
		const counts = {
			queries: [] as number[],
			hits: [] as number[],
			candidates: [] as number[],
			bytes: [] as number[],
			slimBytes: [] as number[],
			engine: [] as number[],
		}
		const engineByKind = new Map<string, { queries: number; ms: number }>()
		let planMismatches = 0
		let noSuggestion = 0
		let topScores: number[] = []
		const run: Record<Variant, (i: number, measured: boolean) => Promise<void>> = {
			// (a) the app's matching of one demand.
			async match(i, measured) {
				probe = { start: 0, end: 0, queries: [], hits: 0 }
				const t0 = performance.now()
				const result = await matchDemand(demands[i]!, {
					search: recording,
					indexUid: uid,
					k: 10,
					now: Date.now(),
				})
				const t1 = performance.now()
				if (!measured) return
				timings.match.push(t1 - t0)
				split.plan.push(probe.start - t0)
				split.search.push(probe.end - probe.start)
				split.rerank.push(t1 - probe.end)
				counts.queries.push(probe.queries.length)
				counts.hits.push(probe.hits)
				counts.candidates.push(result.candidates)
				if (JSON.stringify(probe.queries) !== JSON.stringify(plans[i])) planMismatches++
				if (result.suggestions.length === 0) noSuggestion++
				else topScores.push(result.suggestions[0]!.score)
			},
			// (b) the same multi-search on the same meilisearch-js client.
			async raw(i, measured) {
				const t0 = performance.now()
				const response = await client.multiSearch({ queries: plans[i]! })
				if (!measured) return
				timings.raw.push(performance.now() - t0)
				// Meilisearch's own processing time of the queries (without serialising the answer).
				counts.bytes.push(Buffer.byteLength(JSON.stringify(response)))
				counts.engine.push(response.results.reduce((sum, r) => sum + (r.processingTimeMs ?? 0), 0))
				response.results.forEach((r, q) => {
					const kind = purposes[i]![q] ?? '?'
					const entry = engineByKind.get(kind) ?? { queries: 0, ms: 0 }
					entry.queries++
					entry.ms += r.processingTimeMs ?? 0
					engineByKind.set(kind, entry)
				})
			},
			// (c) informational: the same body POSTed with fetch, no client library.
			async fetch(i, measured) {
				const t0 = performance.now()
				await postMulti(plans[i]!)
				if (measured) timings.fetch.push(performance.now() - t0)
			},
			// (d) informational: (c) retrieving only the fields the matcher reads.
			async slim(i, measured) {
				const queries = plans[i]!.map((q) => ({ ...q, attributesToRetrieve: MATCHER_FIELDS }))
				const t0 = performance.now()
				const bytes = await postMulti(queries)
				if (!measured) return
				timings.slim.push(performance.now() - t0)
				counts.slimBytes.push(bytes)
			},
		}
		// --quick keeps to the two measured variants; (c) and (d) only explain the result.
		const order: Variant[] = QUICK ? ['match', 'raw'] : ['match', 'raw', 'fetch', 'slim']
		// Warm-up on demands that are not measured (JIT, dictionary, connections).
		for (let i = DEMANDS; i < DEMANDS + WARMUP; i++) for (const v of order) await run[v](i, false)
		topScores = []
		const measureStarted = performance.now()
		for (let i = 0; i < DEMANDS; i++) {
			if (interrupted) throw new Error('interrupted')
			// Rotate the order so no variant always runs first (or right after another one).
			for (let k = 0; k < order.length; k++) await run[order[(i + k) % order.length]!](i, true)
		}
		const measureMs = performance.now() - measureStarted

		const stat = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) })
		const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
		const a = stat(timings.match)
		const b = stat(timings.raw)
		const c = stat(timings.fetch)
		const parts = { plan: stat(split.plan), search: stat(split.search), rerank: stat(split.rerank) }
		const total = mean(timings.match)
		const share = (values: number[]) => `${Math.round((100 * mean(values)) / total)}%`
		console.log(
			`matching latency, ${DEMANDS} demands (each measured once, variants interleaved) after ${WARMUP} warm-up demands; ${ms(measureMs / 1000)} s:`,
		)
		console.log(`  (a) matchDemand (plan + multi-search + re-rank)       p50 ${ms(a.p50)} ms  p95 ${ms(a.p95)} ms  max ${ms(Math.max(...timings.match))} ms`)
		console.log(`  (b) raw: client.multiSearch, the same queries          p50 ${ms(b.p50)} ms  p95 ${ms(b.p95)} ms  max ${ms(Math.max(...timings.raw))} ms`)
		const d = stat(timings.slim)
		const engine = stat(counts.engine)
		const engineTotal = [...engineByKind.values()].reduce((sum, e) => sum + e.ms, 0)
		const byKind = [...engineByKind]
			.sort((x, y) => y[1].ms - x[1].ms)
			.map(
				([kind, e]) =>
					`${kind} ×${ms(e.queries / DEMANDS)} ${ms(e.ms / e.queries)} ms each (${Math.round((100 * e.ms) / Math.max(1, engineTotal))}%)`,
			)
			.join(', ')
		if (QUICK) console.log('  (c), (d) info variants: not measured with --quick')
		else {
			console.log(`  (c) info: the same body with fetch (no meilisearch-js) p50 ${ms(c.p50)} ms  p95 ${ms(c.p95)} ms`)
			console.log(
				`  (d) info: (c) retrieving only the matcher's fields    p50 ${ms(d.p50)} ms  p95 ${ms(d.p95)} ms  (answer ${ms(mean(counts.slimBytes) / 1024)} KiB instead of ${ms(mean(counts.bytes) / 1024)} KiB)`,
			)
		}
		console.log(
			`  Meilisearch processingTimeMs summed over the queries of (b): p50 ${ms(engine.p50)} ms  p95 ${ms(engine.p95)} ms (the rest of (b) is serialising, sending and parsing the answer)`,
		)
		console.log(`    by query kind, per demand: ${byKind}`)
		console.log(
			`  ratio (a)/(b): p50 ${ratio(a.p50 / b.p50)}×  p95 ${ratio(a.p95 / b.p95)}×  (absolute overhead p50 +${ms(a.p50 - b.p50)} ms, p95 +${ms(a.p95 - b.p95)} ms)`,
		)
		console.log(`  where (a)'s time goes (from the wrapped SearchFn; share of the mean ${ms(total)} ms):`)
		console.log(`    prepare demand + plan   p50 ${ms(parts.plan.p50)} ms  p95 ${ms(parts.plan.p95)} ms  (${share(split.plan)})`)
		console.log(`    multi-search            p50 ${ms(parts.search.p50)} ms  p95 ${ms(parts.search.p95)} ms  (${share(split.search)})`)
		console.log(`    prepare hits + re-rank  p50 ${ms(parts.rerank.p50)} ms  p95 ${ms(parts.rerank.p95)} ms  (${share(split.rerank)})`)
		console.log(
			`  per demand: ${ms(mean(counts.queries))} queries (max ${Math.max(...counts.queries)}), ${ms(mean(counts.hits))} hits returned, ${ms(mean(counts.candidates))} candidates re-ranked, answer ≈${ms(mean(counts.bytes) / 1024)} KiB of JSON (p95 ${ms(percentile(counts.bytes, 95) / 1024)} KiB)`,
		)
		console.log(
			`  checks: plans differing from the dry run ${planMismatches}/${DEMANDS}; demands without suggestions ${noSuggestion}/${DEMANDS}; top score p50 ${ms(percentile(topScores, 50))}`,
		)
		const goal = a.p95 <= 50 && a.p95 / b.p95 <= 1.3
		console.log(
			`  goal (p95 ≤ 50 ms and ≤ 1.3× raw): ${goal ? 'met' : 'not met'} (p95 ${ms(a.p95)} ms, ${ratio(a.p95 / b.p95)}×)`,
		)
		benchLine = `BENCH match p95_ms=${ms(a.p95)} p50_ms=${ms(a.p50)} ratio=${ratio(a.p95 / b.p95)} raw_p95_ms=${ms(b.p95)} docs=${DOCS}`
	} finally {
		process.off('SIGINT', onSignal)
		process.off('SIGTERM', onSignal)
		await server?.stop()
		await rm(DATA_DIR, { recursive: true, force: true })
	}
	// Printed after everything has stopped, so the BENCH line is the last line.
	console.log(
		`mode ${QUICK ? 'quick' : 'full'}; wall time ${ms((performance.now() - benchStarted) / 1000)} s (servers stopped, ${DATA_DIR} removed)`,
	)
	console.log(benchLine)
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`match bench failed: ${error.stack ?? error.message}`)
		process.exit(1)
	},
)
