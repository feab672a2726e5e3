// Certifications offered as checkboxes; firms may add others as free text.
export const CURATED_CERTIFICATIONS = [
	'ISO 9001',
	'IATF 16949',
	'ISO 13485',
	'ISO 14001',
	'ISO 45001',
	'AEC-Q100',
	'AEC-Q200',
	'GMP',
	'HACCP',
	'FSSC 22000',
	'CCC',
	'CE',
	'UL',
	'RoHS',
	'REACH',
	'ISO/IEC 27001',
	'GJB 9001',
] as const

