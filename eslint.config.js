import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{ ignores: ['build/**', 'public/build/**', 'data/**', 'node_modules/**', 'tests/.tmp/**', 'test-results/**', 'playwright-report/**'] },
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js}'],
		plugins: { 'import-x': importX, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
		rules: {
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'import-x/no-duplicates': 'error',
		},
	},
	{
		files: ['app/**/*.{ts,tsx}'],
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'warn',
			...jsxA11y.flatConfigs.recommended.rules,
		},
	},
	{
		// app/ never reaches into tests/, and browser code never imports server-only modules.
		files: ['app/**/*.{ts,tsx}'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ group: ['#tests/*', '**/tests/**'], message: 'app/ must not import tests/' }] }],
		},
	},
	{
		files: ['app/components/**/*.{ts,tsx}', 'app/realtime/**/*.{ts,tsx}', 'app/i18n/**/*.ts'],
		ignores: ['**/*.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/*.server', '**/*.server.*', '#tests/*'], message: 'client code must not import *.server modules' }] },
			],
		},
	},
)
