"""State: what persists between runs, in one SQLite file (seen articles, feed caches, drafts and
approvals, send ledger).

db.py opens and migrates the database; drafts.py keeps the editor's drafts, test mails and
approvals; private.py writes a private file atomically; lock.py is the run lock that keeps two
runs apart.
"""
