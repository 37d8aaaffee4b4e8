"""fwcompare."""
