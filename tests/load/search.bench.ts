/**
 * Search benchmark (research note S4 + S6): the app's JSON search API against the same search sent
 * straight to Meilisearch, measured interleaved in one run on one synthetic index; then how long a
 * capability created and published through the app takes to become searchable.
 *
 *   node --import tsx tests/load/search.bench.ts [--quick]
 *
 * Not part of `npm test`. Everything runs on loopback in this process (embedded PGlite, embedded
 * Meilisearch child) and is stopped at the end; the data directory is deleted.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { FirmUser } from '#app/utils/auth.server'
import type { CapabilityDocument } from '#search/documents/capability'
import type { RunningServer } from '#server/start'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(ROOT)
// React and Remix pick their production builds from process.env at first import, so this has to
// be set before any app module is loaded (hence the dynamic imports below).
process.env.NODE_ENV = 'production'

const QUICK = process.argv.includes('--quick')
const DOCS = QUICK ? 10_000 : 100_000
const BATCH = 10_000
const REQUESTS = QUICK ? 100 : 300
const WARMUP = 20
const FRESH = QUICK ? 10 : 20
const FRESH_TIMEOUT_MS = QUICK ? 10_000 : 20_000
const DATA_DIR = 'tests/.tmp/bench-search'

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

// Queries of the latency part: a term and the cluster it belongs to (the region rotates).
const QUERIES: Array<[string, string]> = [
	['光模块', 'electronics'],
	['精密加工', 'equipment'],
	['铝型材', 'low-carbon-metallurgy'],
	['茶饮料', 'food-beverage'],
	['电子级硫酸', 'modern-chemicals'],
	['青砖茶', 'food-beverage'],
	['伺服电机', 'equipment'],
	['风电塔筒', 'clean-energy'],
	['储能系统', 'clean-energy'],
	['连接器', 'electronics'],
	['铁氧体磁芯', 'electronics'],
	['废钢', 'low-carbon-metallurgy'],
	['中药饮片', 'biomedicine'],
	['医用无纺布', 'biomedicine'],
	['改性塑料', 'modern-chemicals'],
	['防腐涂料', 'new-materials'],
	['碳纤维', 'new-materials'],
	['无人机', 'low-altitude-testing'],
	['检验检测', 'low-altitude-testing'],
	['数控车床', 'equipment'],
]

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

// ---------------------------------------------------------------------------------------------

/**
 * The app must run a production build: a development build (left by `remix dev`, or by a build
 * run with NODE_ENV=development) calls jsxDEV, which React's production runtime lacks. Such a build
 * is replaced by `npx remix build` with NODE_ENV=production, as `npm run build` would produce
 * (a production build also runs under NODE_ENV=test or development).
 */
function ensureProductionBuild() {
	const file = path.resolve('build/index.js')
	const reason = !existsSync(file)
		? 'missing'
		: readFileSync(file, 'utf8').includes('react/jsx-dev-runtime')
			? 'a development build'
			: null
	if (!reason) return
	console.log(`build/index.js is ${reason}: running \`npx remix build\``)
	const built = spawnSync('npx', ['remix', 'build'], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	})
	if (built.status !== 0) throw new Error(`remix build failed:\n${built.stdout}${built.stderr}`)
}

async function main() {
	ensureProductionBuild()
	const { init } = await import('#app/utils/env.server')
	const { startServer } = await import('#server/start')
	const { prisma } = await import('#app/utils/db.server')
	const { getSearchClient, indexName } = await import('#search/client.server')
	const { CAPABILITIES_INDEX } = await import('#search/indexes/capabilities')
	const { segmentForIndex, segmentQuery } = await import('#search/segment.server')
	const { areaOf, capacityPerYear, certificationKeys, specsText } = await import('#search/documents/shared')
	const { HIGHLIGHT_POST, HIGHLIGHT_PRE } = await import('#search/highlight')
	const { ListingSearchSchema, searchCapabilities } = await import('#search/query.server')
	const { REGIONS } = await import('#app/modules/firms/regions')
	const { login } = await import('#app/modules/auth/auth.server')
	const { getSessionUserFromCookie } = await import('#app/modules/auth/session.server')
	const { createCapability, transitionCapability } = await import('#app/modules/listings/listings.server')
	const { CapabilitySchema } = await import('#app/modules/listings/schemas')
	const { DEMO_PASSWORD } = await import('#prisma/seed')

	await rm(DATA_DIR, { recursive: true, force: true })
	// init = parseEnv plus registering the result, so app code calling getServerEnv() (uploads
	// directory, public env) sees the same settings instead of re-reading process.env.
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
		const index = getSearchClient().index(uid)

		// ---- Synthetic documents -------------------------------------------------------------
		const clusters = await prisma.cluster.findMany({
			orderBy: { sortOrder: 'asc' },
			select: {
				slug: true,
				name: true,
				chainNodes: { orderBy: { sortOrder: 'asc' }, select: { id: true, name: true, stage: true } },
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
		const now = Math.floor(Date.now() / 1000)
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
			const publishedAt = now - int(0, 60 * 86_400)
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
				// The same jieba search-mode cut the outbox worker stores (segmentForIndex over the same
				// fields as buildCapabilityDocument); about 30 µs a document, so ~3 s for 100k.
				segmented: segmentForIndex(
					[title, tags.join(' '), node?.name ?? '', specsString, description].join('\n'),
				),
			}
		}

		let generateMs = 0
		let indexMs = 0
		for (let offset = 0; offset < DOCS; offset += BATCH) {
			if (interrupted) throw new Error('interrupted')
			const t0 = performance.now()
			const batch: CapabilityDocument[] = []
			for (let n = offset; n < Math.min(DOCS, offset + BATCH); n++) batch.push(makeDocument(n))
			const t1 = performance.now()
			const task = await index
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
		const stats = await index.getStats()
		console.log(
			`indexing: ${DOCS} synthetic documents in ${ms(indexMs)} ms (${Math.round(DOCS / (indexMs / 1000))} docs/s; generation incl. jieba ${ms(generateMs)} ms); index now holds ${stats.numberOfDocuments} documents`,
		)

		// The outbox worker indexes the seeded demo data meanwhile (its tasks queue between our
		// batches); nothing may still be indexing once latency is measured.
		const drainDeadline = Date.now() + 120_000
		while ((await prisma.searchOutbox.count({ where: { processedAt: null } })) > 0) {
			if (Date.now() > drainDeadline || interrupted) throw new Error('search outbox did not drain')
			await sleep(100)
		}
		console.log(
			`seeded demo data (outbox) indexed ${ms(performance.now() - drainStarted)} ms after start-up, concurrently with the synthetic batches`,
		)

		// ---- Query latency: app JSON API vs the same search straight to Meilisearch ------------
		// Meilisearch gzips its answer when asked to, and Node's fetch asks (Accept-Encoding: gzip,
		// deflate) by default; on a keep-alive loopback connection that answer then sits ~40 ms in a
		// delayed-ACK stall (measured here: ~44 ms with gzip vs ~2 ms with identity, for fetch and
		// node:http alike). The baseline therefore asks for identity, which is what the engine
		// costs; the same request with fetch's default headers — what the app's meilisearch-js
		// client sends — is measured alongside as `gzip` so the stall is visible, not hidden in both.
		const identity = {
			Authorization: `Bearer ${meili.masterKey}`,
			'Content-Type': 'application/json',
			'Accept-Encoding': 'identity',
		}
		const fetchDefaults = { Authorization: `Bearer ${meili.masterKey}`, 'Content-Type': 'application/json' }
		const quote = (v: string) => `"${v}"`
		type Variant = 'api' | 'meili' | 'multi' | 'gzip' | 'inproc'
		const timings: Record<Variant, number[]> = { api: [], meili: [], multi: [], gzip: [], inproc: [] }
		let mismatches = 0
		let firstMismatch = ''
		let emptyResults = 0

		// "The same search" has to match the same documents: mirror the app's matching strategy
		// (searchIndex in search/query.server.ts: every word for queries of up to 3 jieba words). If
		// the app's query drifts from this, the total-hits check below reports it.
		const strategy = new Map(QUERIES.map(([q]) => [q, segmentQuery(q).length <= 3 ? 'all' : 'last']))
		const querySpec = (i: number) => {
			const [q, cluster] = QUERIES[i % QUERIES.length]!
			const region = regions[Math.floor(i / QUERIES.length) % regions.length]!.code
			return {
				q,
				cluster,
				region,
				matchingStrategy: strategy.get(q)!,
				filter: [`clusterSlug IN [${quote(cluster)}]`, `regionCode IN [${quote(region)}]`],
			}
		}
		const postJson = async (url: string, headers: Record<string, string>, body: unknown) => {
			const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
			const json = (await res.json()) as Record<string, unknown>
			if (res.status !== 200)
				throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json).slice(0, 200)}`)
			return json
		}
		const single = (i: number) => {
			const s = querySpec(i)
			return {
				q: s.q,
				matchingStrategy: s.matchingStrategy,
				filter: s.filter,
				facets: ['clusterSlug', 'regionCode', 'certificationKeys'],
				hitsPerPage: 20,
				page: 1,
			}
		}
		const run: Record<Variant, (i: number) => Promise<number>> = {
			// (a) the app: HTTP + Remix loader + validation + multi-search + reshaping + JSON (+ gzip).
			async api(i) {
				const s = querySpec(i)
				const res = await fetch(
					`${server!.url}/api/v1/capabilities?q=${encodeURIComponent(s.q)}&cluster=${s.cluster}&region=${s.region}`,
				)
				const body = (await res.json()) as { total?: number }
				if (res.status !== 200)
					throw new Error(`API answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`)
				return body.total ?? -1
			},
			// (b) the baseline: one search request, same q, filters and page size, 3 facets.
			async meili(i) {
				const body = await postJson(`${meili.url}/indexes/${uid}/search`, identity, single(i))
				return Number(body.totalHits ?? -1)
			},
			// (c) informational: the multi-search the app sends (main query with 4 facets, highlight and
			// crop, plus one disjunctive-facet query per active filter), sent directly.
			async multi(i) {
				const s = querySpec(i)
				const body = await postJson(`${meili.url}/multi-search`, identity, {
					queries: [
						{
							indexUid: uid,
							q: s.q,
							matchingStrategy: s.matchingStrategy,
							filter: s.filter,
							facets: ['clusterSlug', 'chainNodeId', 'regionCode', 'certificationKeys'],
							hitsPerPage: 20,
							page: 1,
							attributesToHighlight: ['title', 'description', 'tags'],
							attributesToCrop: ['description'],
							cropLength: 60,
							highlightPreTag: HIGHLIGHT_PRE,
							highlightPostTag: HIGHLIGHT_POST,
							attributesToRetrieve: ['*'],
						},
						{
							indexUid: uid,
							q: s.q,
							matchingStrategy: s.matchingStrategy,
							filter: [s.filter[1]],
							facets: ['clusterSlug'],
							limit: 0,
						},
						{
							indexUid: uid,
							q: s.q,
							matchingStrategy: s.matchingStrategy,
							filter: [s.filter[0]],
							facets: ['regionCode'],
							limit: 0,
						},
					],
				})
				return Number((body.results as Array<{ totalHits?: number }> | undefined)?.[0]?.totalHits ?? -1)
			},
			// (d) informational: the baseline request with fetch's default Accept-Encoding.
			async gzip(i) {
				const body = await postJson(`${meili.url}/indexes/${uid}/search`, fetchDefaults, single(i))
				return Number(body.totalHits ?? -1)
			},
			// (e) informational: the app's searchCapabilities called in this process (meilisearch-js
			// client, no HTTP server, no Remix), i.e. (a) minus the app's HTTP and loader layer.
			async inproc(i) {
				const s = querySpec(i)
				const result = await searchCapabilities(
					ListingSearchSchema.parse({ q: s.q, cluster: s.cluster, region: s.region }),
				)
				return result.total
			},
		}
		// --quick keeps to the two measured variants plus (c); (d) and (e) only explain the result.
		const order: Variant[] = QUICK ? ['api', 'meili', 'multi'] : ['api', 'meili', 'multi', 'gzip', 'inproc']
		for (let i = 0; i < WARMUP; i++) for (const v of order) await run[v](i)
		for (let i = 0; i < REQUESTS; i++) {
			if (interrupted) throw new Error('interrupted')
			const totals: Partial<Record<Variant, number>> = {}
			// Rotate the order so no variant always runs first (or right after another one).
			for (let k = 0; k < order.length; k++) {
				const v = order[(i + k) % order.length]!
				const t0 = performance.now()
				totals[v] = await run[v](i)
				timings[v].push(performance.now() - t0)
			}
			if (order.some((v) => totals[v] !== totals.api)) {
				mismatches++
				firstMismatch ||= `${JSON.stringify(querySpec(i))} → ${JSON.stringify(totals)}`
			}
			if (!totals.meili) emptyResults++
		}
		const stat = (v: Variant) => ({ p50: percentile(timings[v], 50), p95: percentile(timings[v], 95) })
		const api = stat('api')
		const direct = stat('meili')
		const multi = stat('multi')
		const gzip = stat('gzip')
		const inproc = stat('inproc')
		const show = (v: Variant, label: string) =>
			console.log(
				order.includes(v)
					? `${label} p50 ${ms(stat(v).p50)} ms  p95 ${ms(stat(v).p95)} ms`
					: `${label} (not measured with --quick)`,
			)
		console.log(
			`query latency, ${REQUESTS} interleaved requests per variant after ${WARMUP} warm-ups (Chinese q + cluster + region filters, 20 hits):`,
		)
		show('api', '  (a) app: GET /api/v1/capabilities over HTTP (fetch)                    ')
		show('meili', `  (b) baseline: one POST /indexes/${uid}/search, 3 facets      `)
		show('multi', "  (c) info: the app's multi-search (3 queries, 4 facets, highlight) direct")
		show('gzip', "  (d) info: (b) with fetch's default Accept-Encoding (gzip)              ")
		show('inproc', '  (e) info: searchCapabilities() in-process (meilisearch-js, no HTTP/Remix)')
		console.log(
			`  ratio app/baseline: p50 ${ratio(api.p50 / direct.p50)}×  p95 ${ratio(api.p95 / direct.p95)}×  (absolute overhead p50 +${ms(api.p50 - direct.p50)} ms)`,
		)
		console.log(
			`  at p50: query shape (c)/(b) ${ratio(multi.p50 / direct.p50)}×, app on top of the same multi-search (a)-(c) +${ms(api.p50 - multi.p50)} ms`,
		)
		if (!QUICK) {
			console.log(
				`  of that: meilisearch-js in-process vs raw (e)-(c) +${ms(inproc.p50 - multi.p50)} ms (gzip stall alone (d)-(b) +${ms(gzip.p50 - direct.p50)} ms); HTTP server + Remix + JSON (a)-(e) +${ms(api.p50 - inproc.p50)} ms`,
			)
		}
		console.log(
			`  total-hits mismatches between the variants: ${mismatches}${firstMismatch ? ` (first: ${firstMismatch})` : ''}; requests with no hits: ${emptyResults}/${REQUESTS}`,
		)

		// ---- Write → searchable ----------------------------------------------------------------
		const loggedIn = await login('supplier@demo.xnwh.cn', DEMO_PASSWORD, {})
		if (!loggedIn.ok) throw new Error(`demo supplier login failed: ${loggedIn.reason}`)
		const supplier = (await getSessionUserFromCookie(loggedIn.setCookie.split(';')[0]!)) as FirmUser | null
		if (!supplier?.firmId) throw new Error('demo supplier has no firm')
		const electronics = await prisma.cluster.findUniqueOrThrow({
			where: { slug: 'electronics' },
			select: { id: true },
		})
		const fresh: number[] = []
		const writes: number[] = []
		let timeouts = 0
		const letters = 'abcdefghijklmnopqrstuvwxyz'
		let polls = 0
		const phaseStart = new Date(Date.now() - 1000).toISOString()
		for (let k = 0; k < FRESH; k++) {
			if (interrupted) throw new Error('interrupted')
			// A letters-only token: one Latin word for both jieba and Meilisearch's tokenizer.
			const token = `zq${Array.from({ length: 10 }, () => pick([...letters])).join('')}`
			const input = CapabilitySchema.parse({
				title: `400G光模块批量供货 ${token}`,
				description: `QSFP-DD封装，年产30万只，批次号${token}。`,
				clusterId: electronics.id,
				tags: '光模块，光通信',
				certifications: ['ISO 9001'],
				capacityValue: '30',
				capacityUnit: '万只',
				capacityPeriod: 'YEAR',
			})
			const params = ListingSearchSchema.parse({ q: token })
			const t0 = performance.now()
			const { id } = await createCapability(supplier as FirmUser, input)
			await transitionCapability(supplier as FirmUser, id, 'publish')
			writes.push(performance.now() - t0)
			let found = false
			while (performance.now() - t0 < FRESH_TIMEOUT_MS) {
				polls++
				const result = await searchCapabilities(params)
				if (result.hits.some((h) => h.id === id)) {
					found = true
					break
				}
				await sleep(10)
			}
			if (found) fresh.push(performance.now() - t0)
			else timeouts++
		}
		const freshness = { p50: percentile(fresh, 50), p95: percentile(fresh, 95) }
		console.log(
			`write → searchable, ${FRESH} capabilities created and published through the app (outbox worker, polled every 10 ms):`,
		)
		console.log(
			`  create+publish p50 ${ms(percentile(writes, 50))} ms; first found p50 ${ms(freshness.p50)} ms  p95 ${ms(freshness.p95)} ms  max ${ms(Math.max(...fresh))} ms; not found within ${FRESH_TIMEOUT_MS / 1000} s: ${timeouts}; ${ms(polls / FRESH)} searches per item`,
		)
		console.log(`  in order (ms): ${fresh.map((v) => Math.round(v)).join(' ')}`)
		// Where the time goes inside Meilisearch: the outbox worker's tasks on this index.
		const tasksRes = await fetch(
			`${meili.url}/tasks?indexUids=${uid}&afterEnqueuedAt=${encodeURIComponent(phaseStart)}&limit=1000`,
			{ headers: identity },
		)
		const { results: tasks } = (await tasksRes.json()) as {
			results: Array<{
				type: string
				enqueuedAt: string
				startedAt: string | null
				finishedAt: string | null
			}>
		}
		for (const type of [...new Set(tasks.map((t) => t.type))]) {
			const done = tasks.filter((t) => t.type === type && t.startedAt && t.finishedAt)
			const queued = done.map((t) => Date.parse(t.startedAt!) - Date.parse(t.enqueuedAt))
			const processing = done.map((t) => Date.parse(t.finishedAt!) - Date.parse(t.startedAt!))
			console.log(
				`  Meilisearch ${type} ×${done.length}: queued p50 ${ms(percentile(queued, 50))} ms (max ${ms(Math.max(...queued))}), processing p50 ${ms(percentile(processing, 50))} ms (max ${ms(Math.max(...processing))})`,
			)
		}
		benchLine = `BENCH search p50_ratio=${ratio(api.p50 / direct.p50)} p95_ratio=${ratio(api.p95 / direct.p95)} same_shape_p50_ratio=${ratio(api.p50 / multi.p50)} p50_ms=${ms(api.p50)} p95_ms=${ms(api.p95)} meili_p50_ms=${ms(direct.p50)} meili_p95_ms=${ms(direct.p95)} fresh_p50_ms=${ms(freshness.p50)} fresh_p95_ms=${ms(freshness.p95)} docs=${DOCS}`
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
		console.error(`search bench failed: ${error.stack ?? error.message}`)
		process.exit(1)
	},
)
