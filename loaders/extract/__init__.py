"""A plan (.txt, .docx, .pdf) → a draft seed directory: rule-based, offline, every fact quoted.

`reading` turns the file into clean paragraphs (page headers, footers and line wraps removed),
`rules` finds the facts (each with its quote, section path, confidence and rule name),
`draft` writes them in the shipped seed format so `chainkg load --seed DIR` loads them.
"""
