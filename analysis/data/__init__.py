"""The data wing: everything that reads or writes ``data/`` and the UN Digital Library's files.

It imports nothing above it. ``schema`` declares every table once and reads
it; ``bodies`` holds the facts of the two bodies; ``ids`` the normal form and
resolver of motion ids; ``members``, ``motions`` and ``votes`` the loaders and
the one roll-call checker; ``context`` every recorded GA vote of 2014-2021; ``undl`` the Library's files; ``update`` refreshes
``data/`` from one; ``tables`` bundles the loaded tables of one folder.
"""
