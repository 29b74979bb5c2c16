"""The output wing: presentation only (terminal text, notebook tables, figures, tile maps, publishing a figure).

It imports only the data and measures wings; it computes nothing a measure should.
"""
