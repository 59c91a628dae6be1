"""State: what persists between runs, in one SQLite file (seen articles, feed caches, send ledger).

db.py opens and migrates the database; lock.py is the run lock that keeps two runs apart.
"""
