"""The database's tables, shared by the store (writes) and the stats (reads)."""

from __future__ import annotations

#: PRAGMA user_version of the tables below; a database with a higher one is left alone.
VERSION = 1

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY, start REAL NOT NULL, end REAL, reason TEXT);
CREATE TABLE IF NOT EXISTS slides (
    id INTEGER PRIMARY KEY, session INTEGER, slide_id TEXT NOT NULL, idx INTEGER NOT NULL,
    language TEXT NOT NULL, mode TEXT NOT NULL, start REAL NOT NULL, dwell REAL NOT NULL,
    reached_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY, session INTEGER, at REAL NOT NULL, kind TEXT NOT NULL,
    slide_id TEXT, language TEXT, value REAL);
CREATE TABLE IF NOT EXISTS kiosk_events (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, kind TEXT NOT NULL);
-- Written with the rows above, for kiosk stats over a year in well under a second: the
-- visitors' slides per day (of the kiosk's clock), slide and whole second of dwell, and
-- the visits that read each language per day.
CREATE TABLE IF NOT EXISTS slide_days (
    day TEXT NOT NULL, slide_id TEXT NOT NULL, second INTEGER NOT NULL,
    views INTEGER NOT NULL, seconds REAL NOT NULL,
    PRIMARY KEY (day, slide_id, second)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS language_days (
    day TEXT NOT NULL, language TEXT NOT NULL, visits INTEGER NOT NULL,
    PRIMARY KEY (day, language)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_start ON sessions (start);
CREATE INDEX IF NOT EXISTS slides_start ON slides (start);
CREATE INDEX IF NOT EXISTS actions_at ON actions (at);
CREATE INDEX IF NOT EXISTS kiosk_events_at ON kiosk_events (at);
"""

#: Each table with the column holding its time, for retention and the period asked.
TIME_COLUMNS = {"sessions": "start", "slides": "start", "actions": "at", "kiosk_events": "at"}

#: The daily summaries, each keyed by its ``day`` (ISO date of the kiosk's clock).
DAY_TABLES = ("slide_days", "language_days")
