"""The measures wing: ``f(votes, ...)``, computed from the tables given; a measure never loads and never prints.

It imports only the data wing. See :mod:`.arguments` for the one signature style.
"""
