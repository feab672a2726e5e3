import { describe, expect, test } from 'vitest'
import {
	accessFor,
	canMoveTo,
	contactVisible,
	nextStages,
	requestTimers,
	RespondSchema,
	SendSchema,
	StageSchema,
	StartSchema,
	unreadCount,
} from '#app/modules/docking/rules'

const session = {
	buyerFirmId: 'b',
	supplierFirmId: 's',
	status: 'ACTIVE' as const,
	stage: 'NEGOTIATION' as const,
}

describe('docking stages', () => {
	test('move forward only, may skip a step, stop at 签约 or 关闭', () => {
		expect(canMoveTo('INTENT', 'NEGOTIATION')).toBe(true)
		expect(canMoveTo('INTENT', 'SIGNED')).toBe(true)
		expect(canMoveTo('SAMPLING', 'NEGOTIATION')).toBe(false)
		expect(canMoveTo('NEGOTIATION', 'NEGOTIATION')).toBe(false)
		expect(canMoveTo('SAMPLING', 'CLOSED')).toBe(true)
		expect(canMoveTo('SIGNED', 'CLOSED')).toBe(false)
		expect(canMoveTo('CLOSED', 'NEGOTIATION')).toBe(false)
		expect(nextStages('NEGOTIATION')).toEqual(['SAMPLING', 'SIGNED', 'CLOSED'])
		expect(nextStages('SIGNED')).toEqual([])
	})
})

describe('who may read and write', () => {
	test('users of either firm read; they write only while the session is accepted and open', () => {
		expect(accessFor(session, { role: 'BUYER', firmId: 'b' }, false)).toEqual({
			canRead: true,
			canWrite: true,
			side: 'BUYER',
			isBureau: false,
		})
		expect(accessFor(session, { role: 'SUPPLIER', firmId: 's' }, false).side).toBe('SUPPLIER')
		expect(accessFor({ ...session, status: 'PENDING' }, { role: 'BUYER', firmId: 'b' }, false).canWrite).toBe(
			false,
		)
		expect(accessFor({ ...session, stage: 'CLOSED' }, { role: 'BUYER', firmId: 'b' }, false).canWrite).toBe(
			false,
		)
		expect(accessFor({ ...session, stage: 'SIGNED' }, { role: 'BUYER', firmId: 'b' }, false).canWrite).toBe(
			true,
		)
	})

	test('another firm sees nothing; bureau staff read only when invited, and never write', () => {
		expect(accessFor(session, { role: 'SUPPLIER', firmId: 'x' }, false).canRead).toBe(false)
		expect(accessFor(session, { role: 'BUREAU', firmId: null }, false).canRead).toBe(false)
		expect(accessFor(session, { role: 'BUREAU', firmId: null }, true)).toEqual({
			canRead: true,
			canWrite: false,
			side: 'BUREAU',
			isBureau: true,
		})
		// A bureau account is never a firm party, even with a firm id.
		expect(accessFor(session, { role: 'ADMIN', firmId: 'b' }, false).canRead).toBe(false)
	})
})

test('a contact is visible only after acceptance and with that firm’s own consent', () => {
	expect(contactVisible('PENDING', ['s'], 's')).toBe(false)
	expect(contactVisible('ACTIVE', [], 's')).toBe(false)
	expect(contactVisible('ACTIVE', ['b'], 's')).toBe(false)
	expect(contactVisible('ACTIVE', ['s'], 's')).toBe(true)
	expect(contactVisible('DECLINED', ['s'], 's')).toBe(false)
})

test('unread counts and request timers', () => {
	expect(unreadCount(10, 7)).toBe(3)
	expect(unreadCount(5, 9)).toBe(0)
	const created = new Date('2026-11-27T00:00:00Z')
	const { expiresAt, remindAt } = requestTimers(created)
	expect(expiresAt.toISOString()).toBe('2026-12-04T00:00:00.000Z')
	expect(remindAt.toISOString()).toBe('2026-12-03T00:00:00.000Z')
})

describe('input shapes', () => {
	test('a message needs text or an attachment, a client id, and at most 4000 characters', () => {
		expect(SendSchema.safeParse({ sessionId: 'c1', clientId: 'abcdefgh', body: '你好' }).success).toBe(true)
		expect(
			SendSchema.safeParse({ sessionId: 'c1', clientId: 'abcdefgh', body: '', attachmentIds: ['u1'] })
				.success,
		).toBe(true)
		const empty = SendSchema.safeParse({ sessionId: 'c1', clientId: 'abcdefgh', body: '' })
		expect(empty.error?.issues[0]?.message).toBe('err.dockingMessageEmpty')
		const long = SendSchema.safeParse({ sessionId: 'c1', clientId: 'abcdefgh', body: '字'.repeat(4001) })
		expect(long.error?.issues[0]?.message).toBe('err.dockingMessageTooLong')
		expect(SendSchema.safeParse({ sessionId: 'c1', clientId: 'bad id!', body: 'x' }).success).toBe(false)
		expect(SendSchema.safeParse({ sessionId: "c1' OR 1=1", clientId: 'abcdefgh', body: 'x' }).success).toBe(
			false,
		)
	})

	test('text is kept as typed, except NUL and lone surrogates', () => {
		const parsed = SendSchema.parse({ sessionId: 'c1', clientId: 'abcdefgh', body: ' <b>甲\u0000乙\ud800 ' })
		expect(parsed.body).toBe(' <b>甲乙\ufffd ')
	})

	test('requests, answers and stage changes name the field that is wrong', () => {
		expect(StartSchema.safeParse({ demandId: 'd1' }).error?.issues[0]?.message).toBe(
			'err.dockingRequestMessage',
		)
		expect(StartSchema.safeParse({ message: '你好' }).error?.issues[0]?.message).toBe('err.dockingNoListing')
		expect(StartSchema.parse({ demandId: 'd1', message: '你好', consent: 'on' }).consent).toBe(true)
		expect(RespondSchema.safeParse({ intent: 'decline' }).error?.issues[0]?.message).toBe(
			'err.dockingDeclineReason',
		)
		expect(RespondSchema.parse({ intent: 'accept' })).toEqual({ intent: 'accept', consent: false })
		expect(StageSchema.safeParse({ stage: 'SIGNED', amount: '一百万' }).error?.issues[0]?.message).toBe(
			'err.dockingAmount',
		)
		expect(StageSchema.safeParse({ stage: 'SIGNED', amount: '-5' }).error?.issues[0]?.message).toBe(
			'err.dockingAmount',
		)
		expect(StageSchema.parse({ stage: 'SIGNED', amount: '1250000.5' }).amount).toBe(1250000.5)
		expect(StageSchema.safeParse({ stage: 'CLOSED', reason: ' ' }).error?.issues[0]?.message).toBe(
			'err.dockingCloseReason',
		)
		expect(StageSchema.parse({ stage: 'NEGOTIATION' })).toMatchObject({ stage: 'NEGOTIATION', reason: '' })
	})
})
