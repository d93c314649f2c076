"""Opens a ほっと database with an independent SQLCipher 4 build (PyPI sqlcipher3-binary)
and the raw key from the recovery sheet, as IT staff would without our software.

usage: sqlcipher_open.py DB_FILE HEX_KEY  -> prints "users=N audit=M"
"""
import sys

import sqlcipher3

db, key = sys.argv[1], sys.argv[2]
conn = sqlcipher3.connect(db)
conn.execute(f"PRAGMA key = \"x'{key}'\"")
users = conn.execute("SELECT count(*) FROM users").fetchone()[0]
audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
print(f"users={users} audit={audit}")
