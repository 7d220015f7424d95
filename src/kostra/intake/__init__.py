"""Intake: the reporting calendar, submissions and their versions, statuses, receipts, reminders.

Pure domain: functions over plain objects and frames. The database (`kostra.store`) and the web
portal (`kostra.web`) adapt them.
"""
