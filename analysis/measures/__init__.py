"""Measures computed from the votes (the lead replaces this file when the wing is assembled)."""
