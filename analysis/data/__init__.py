"""Reading and dating the records (the lead replaces this file when the wing is assembled)."""
