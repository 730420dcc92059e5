"""How long a Streamlit page run may take in AppTest before the test gives up.

A guard against a hung page, not a speed assertion: on a busy CI machine (both cores taken by other
work) a page over the full seed on Neo4j can take minutes, and that must not fail a test. Page speed
is measured in benchmarks, never here.
"""

APP_TIMEOUT_SECONDS = 900

EDITOR_PASSWORD = "正确的口令-123"
"""The editor password the app tests set and type in."""
