import type { bureauMonitorZh } from './bureau-monitor.zh'

export const bureauMonitorEn: Record<keyof typeof bureauMonitorZh, string> = {
	'nav.monitor': 'Monitoring',
	'bureauMonitor.title': 'Cluster monitoring',
	'bureauMonitor.lead':
		'{period} · {scope}. Live platform data; each figure states what it counts, each chart has a data table.',
	'bureauMonitor.scopeAll': 'all clusters, all counties',
	'bureauMonitor.filters': 'Filters',
	'bureauMonitor.filter.period': 'Period type',
	'bureauMonitor.period.month': 'Month',
	'bureauMonitor.period.quarter': 'Quarter',
	'bureauMonitor.period.year': 'Year',
	'bureauMonitor.period.custom': 'Custom range',
	'bureauMonitor.filter.from': 'Period',
	'bureauMonitor.filter.fromCustom': 'From',
	'bureauMonitor.filter.to': 'To',
	'bureauMonitor.filter.hint.month': 'Format YYYY-MM, e.g. 2026-11',
	'bureauMonitor.filter.hint.quarter': 'Format YYYY-Qn, e.g. 2026-Q4',
	'bureauMonitor.filter.hint.year': 'Format YYYY, e.g. 2026',
	'bureauMonitor.filter.hint.custom': 'Format YYYY-MM-DD, both days included',
	'bureauMonitor.filter.cluster': 'Cluster',
	'bureauMonitor.filter.county': 'County',
	'bureauMonitor.filter.all': 'All',
	'bureauMonitor.filter.xianning': 'Xianning',
	'bureauMonitor.filter.wuhan': 'Wuhan',
	'bureauMonitor.filter.apply': 'Apply',
	'bureauMonitor.errors': 'The filters are not valid:',
	'bureauMonitor.export': 'Export to Excel',
	'bureauMonitor.report': 'Printable report',
	'bureauMonitor.kpis': 'Key figures',
	'bureauMonitor.definition': 'Definition',
	'bureauMonitor.amountSplit':
		'Docking: {docking}, {dockingAmount}; event meetings: {meeting}, {meetingAmount}',
	'bureauMonitor.responded': '{responded} demands answered',
	'bureauMonitor.localOf': '{local} of {wuhan} Wuhan demands',
	'bureauMonitor.charts': 'Charts',
	'bureauMonitor.chart.trend': 'Monthly trend',
	'bureauMonitor.chart.trendHint': 'Months of the period, extended back to 12 months when shorter.',
	'bureauMonitor.chart.funnel': 'Funnel: match → docking → sampling → signed',
	'bureauMonitor.chart.funnelHint':
		'Match = suggestions in the period; docking = sessions started in the period; sampling and signed = of those, sessions that reached sampling or signing.',
	'bureauMonitor.funnel.match': 'Match',
	'bureauMonitor.funnel.dock': 'Docking',
	'bureauMonitor.funnel.sample': 'Sampling',
	'bureauMonitor.funnel.sign': 'Signed',
	'bureauMonitor.chart.county': 'Xianning counties: docking sessions and contracts',
	'bureauMonitor.chart.table': 'Data table',
	'bureauMonitor.chart.loading': 'Loading chart…',
	'bureauMonitor.stages': 'Docking sessions started in the period, by current stage',
	'bureauMonitor.stage.INTENT': 'Intent',
	'bureauMonitor.stage.NEGOTIATION': 'Negotiation',
	'bureauMonitor.stage.SAMPLING': 'Sampling',
	'bureauMonitor.stage.SIGNED': 'Signed',
	'bureauMonitor.stage.CLOSED': 'Closed',
	'bureauMonitor.byCluster': 'By cluster',
	'bureauMonitor.byClusterHint':
		'Firms and meeting contracts count in each cluster of the firm, so rows may add up to more than the total.',
	'bureauMonitor.byCounty': 'By county',
	'bureauMonitor.byCountyHint':
		"Supply figures by the supplier firm's county; demand figures by the publishing firm's county. All Xianning counties are listed, Wuhan districts with data.",
	'bureauMonitor.col.cluster': 'Cluster',
	'bureauMonitor.col.county': 'County',
	'bureauMonitor.col.month': 'Month',
	'bureauMonitor.col.value': 'Value',
	'bureauMonitor.total': 'Total',
	'bureauMonitor.definitions': 'Definitions',
	'bureauMonitor.printTitle': 'Cluster monitoring report, {period}',
	'bureauMonitor.print': 'Print',
	'bureauMonitor.back': 'Back to the dashboard',
	'bureauMonitor.generatedAt': 'Made at {at} (Beijing time)',
	'bureauMonitor.source': 'Source: Xianning–Wuhan supply-chain matchmaking platform',
	'bureauMonitor.fig.firmsRegistered': 'Firms registered',
	'bureauMonitor.fig.firmsVerified': 'Firms verified',
	'bureauMonitor.fig.capabilities': 'Capabilities published',
	'bureauMonitor.fig.demandsPublished': 'Demands published',
	'bureauMonitor.fig.demandsOpen': 'of which still open',
	'bureauMonitor.fig.demandsClosed': 'Demands closed',
	'bureauMonitor.fig.suggestions': 'Match suggestions',
	'bureauMonitor.fig.dockings': 'Docking sessions',
	'bureauMonitor.fig.reachedSampling': 'Reached sampling',
	'bureauMonitor.fig.reachedSigned': 'Reached signing',
	'bureauMonitor.fig.contracts': 'Contracts',
	'bureauMonitor.fig.amount': 'Contract amount (CNY)',
	'bureauMonitor.fig.events': 'Events held',
	'bureauMonitor.fig.responseMedianHours': 'Response time, median (hours)',
	'bureauMonitor.fig.responseP90Hours': 'Response time, P90 (hours)',
	'bureauMonitor.fig.localRatio': 'Local-supply ratio',
	'bureauMonitor.def.firmsRegistered':
		"Firms that submitted registration in the period (by registration time). Cluster: the firm's clusters (a firm may count in several); county: the firm's county.",
	'bureauMonitor.def.firmsVerified':
		'Firms verified in the period and still verified (by verification time).',
	'bureauMonitor.def.capabilities':
		'Capabilities first published in the period (by publication time; drafts excluded, later archived ones included). County: the publishing firm.',
	'bureauMonitor.def.demandsPublished':
		"Demands published in the period (by publication time). Cluster: the demand's cluster; county: the publishing firm.",
	'bureauMonitor.def.demandsOpen': 'Of the demands published in the period, those still open now.',
	'bureauMonitor.def.demandsClosed': 'Demands closed in the period (by closing time).',
	'bureauMonitor.def.suggestions':
		"Match suggestions generated in the period (by time generated, including later dismissed ones). Cluster: the demand; county: the suggested capability's firm (supplier).",
	'bureauMonitor.def.dockings':
		'Docking sessions started in the period (by start time). Cluster: the linked demand, else the linked capability; county: the supplier firm.',
	'bureauMonitor.def.reachedSampling':
		'Of the docking sessions started in the period, those that reached sampling or later (including signed).',
	'bureauMonitor.def.reachedSigned':
		'Of the docking sessions started in the period, those signed (with a signing time).',
	'bureauMonitor.def.contracts':
		"Contracts in the period = docking sessions signed (by signing time) + event meetings held with outcome contract (by meeting time). A meeting whose linked docking session is signed counts once, through the session. Meetings count in the supplier firm's clusters.",
	'bureauMonitor.def.amount':
		'Total amount (CNY) of the contracts above: docking deal amounts + amounts of meetings not already counted through their docking session; a missing amount counts as 0.',
	'bureauMonitor.def.events':
		"Events started in the period, published or closed (not cancelled) and already started. Cluster: the event's theme clusters; with a county filter, events with an approved registration of a firm in that county.",
	'bureauMonitor.def.responseMedianHours':
		'For demands published in the period that received a docking request: median hours from publication to the first docking session. County: the publishing firm.',
	'bureauMonitor.def.responseP90Hours':
		'As above, the 90th percentile (90% of these demands received their first request within this time).',
	'bureauMonitor.def.localRatio':
		'Local-supply ratio = share of demands published in the period by Wuhan firms that have signed with a Xianning supplier (firm county in Xianning). Cluster: the demand; county: the publishing firm.',
}
