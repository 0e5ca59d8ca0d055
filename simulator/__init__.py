"""Talkdown: de-escalation practice against scripted role-players."""
__version__ = "0.1.0"
