// Demo supplier capability listings (能力清单), split by cluster into small files. All firms are fictional.
import { CAPABILITIES as biomedicine } from './capabilities-biomedicine'
import { CAPABILITIES as cleanEnergy } from './capabilities-clean-energy'
import { CAPABILITIES as electronics } from './capabilities-electronics'
import { CAPABILITIES as electronics2 } from './capabilities-electronics-2'
import { CAPABILITIES as equipment } from './capabilities-equipment'
import { CAPABILITIES as equipment2 } from './capabilities-equipment-2'
import { CAPABILITIES as foodBeverage } from './capabilities-food-beverage'
import { CAPABILITIES as lowAltitudeTesting } from './capabilities-low-altitude-testing'
import { CAPABILITIES as lowCarbonMetallurgy } from './capabilities-low-carbon-metallurgy'
import { CAPABILITIES as modernChemicals } from './capabilities-modern-chemicals'
import { CAPABILITIES as newMaterials } from './capabilities-new-materials'
import type { SeedCapability } from './types'

export const CAPABILITIES: SeedCapability[] = [
	...lowCarbonMetallurgy,
	...electronics,
	...electronics2,
	...equipment,
	...equipment2,
	...foodBeverage,
	...modernChemicals,
	...biomedicine,
	...cleanEnergy,
	...newMaterials,
	...lowAltitudeTesting,
]
