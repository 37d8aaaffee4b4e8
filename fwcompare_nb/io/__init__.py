"""Files: CSV comparisons, folder checks, the saved-profile store and the measured evidence."""
