import { GraphChart } from 'echarts/charts'
import { TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the chain graph needs, loaded by the browser on demand (never on the server).
echarts.use([GraphChart, TooltipComponent, CanvasRenderer])

export const init = echarts.init
