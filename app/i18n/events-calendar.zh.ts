// Messages of the matchmaking events feature (events-calendar), merged into zh.ts.
export const eventsCalendarZh = {
	'eventsCalendar.download': '导出到日历（.ics）',
	'eventsCalendar.subscribe': '订阅日历',
	'eventsCalendar.subscribeHint':
		'把此链接添加到 Outlook、苹果日历或手机日历的“订阅日历”，会谈安排变动会自动同步；链接含专属密钥，请勿转发。',
	'eventsCalendar.copyLink': '复制订阅链接',
	'eventsCalendar.enterRoom': '进入会谈室',
	'eventsCalendar.roomOpensAt': '会谈室 {time} 开放',
	'err.eventsCalendarRoomNotFound': '会谈不存在，或不属于贵公司。',
	'err.eventsCalendarRoomUnavailable': '该会谈已取消或待重新安排，会谈室不可用。',
}
