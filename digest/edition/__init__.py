"""Edition stage: Stories in → one `Edition` out (selected, same-event stories merged, ordered),
and the editor's draft → the edition as it will be sent.

assemble.py selects and orders; merge.py finds the same event told by several sources; edits.py
reads, validates and applies the editor's edits.toml; approval.py is the content hash an approval
records and what changed since; serialise.py turns an edition and its stories into JSON-ready dicts.
"""
