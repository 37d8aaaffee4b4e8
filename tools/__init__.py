"""Tools that work on the project but are not part of the library (the evidence harness)."""
