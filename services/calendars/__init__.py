"""Calendars: a feed (.ics) per person and its background writer."""
