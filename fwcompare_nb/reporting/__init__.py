"""Reports and chart files: the self-contained HTML/PDF report and chart export."""
