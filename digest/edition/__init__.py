"""Edition stage: Stories in → one `Edition` out (selected, same-event stories merged, ordered).

assemble.py selects and orders; merge.py finds the same event told by several sources;
serialise.py turns an edition and its stories into JSON-ready dicts.
"""
